// A CodeMirror field for values that may hold `{% … %}` JSONata: highlighting, and completion
// of `$trigger…`, `$vars…` and upstream outputs.
import {
  autocompletion,
  type CompletionContext,
  type CompletionResult,
  closeBrackets,
} from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, placeholder as placeholderExt } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { useEffect, useRef } from 'react';
import type { Completion } from '../core/completions.ts';
import { jsonataTemplate } from './jsonata-language.ts';

const highlight = HighlightStyle.define([
  { tag: tags.variableName, color: 'var(--accent)', fontWeight: '600' },
  { tag: tags.string, color: 'var(--text)' },
  { tag: tags.number, color: 'var(--warning)' },
  { tag: tags.keyword, color: 'var(--danger)' },
  { tag: tags.meta, color: 'var(--success)', fontWeight: '700' },
  { tag: tags.propertyName, color: 'var(--running)' },
  { tag: tags.comment, color: 'var(--text-muted)', fontStyle: 'italic' },
  { tag: tags.operator, color: 'var(--text-muted)' },
]);

const theme = EditorView.theme({
  '&': {
    border: '1px solid var(--border)',
    borderRadius: 'var(--radius-sm)',
    background: 'var(--surface)',
    fontSize: '13px',
  },
  '&.cm-focused': { outline: 'none', boxShadow: 'var(--focus)' },
  '.cm-content': { fontFamily: 'var(--mono)', padding: '6px 4px', caretColor: 'var(--text)' },
  '.cm-scroller': { fontFamily: 'var(--mono)' },
  '.cm-tooltip-autocomplete': { background: 'var(--surface)', border: '1px solid var(--border)' },
  '.cm-completionDetail': { color: 'var(--text-muted)', marginLeft: '8px' },
});

export function ExpressionField(props: {
  id?: string;
  value: string;
  onChange(value: string): void;
  completions(): Completion[];
  multiline?: boolean;
  placeholder?: string;
  invalid?: boolean;
  testId?: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView>(null);
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    const complete = (ctx: CompletionContext): CompletionResult | null => {
      const word = ctx.matchBefore(/\$[\w.`[\]-]*/);
      if (!word || (word.from === word.to && !ctx.explicit)) return null;
      return {
        from: word.from,
        options: latest.current
          .completions()
          .map((c) => ({ label: c.label, detail: c.detail, type: 'variable' })),
        validFor: /^\$[\w.`[\]-]*$/,
      };
    };
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: latest.current.value,
        extensions: [
          history(),
          closeBrackets(),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          jsonataTemplate,
          syntaxHighlighting(highlight),
          autocompletion({ override: [complete], activateOnTyping: true }),
          theme,
          latest.current.multiline
            ? EditorView.lineWrapping
            : EditorState.transactionFilter.of((tr) => (tr.newDoc.lines > 1 ? [] : tr)),
          placeholderExt(latest.current.placeholder ?? ''),
          EditorView.contentAttributes.of({
            'aria-label': latest.current.id ?? 'expression',
            ...(latest.current.testId ? { 'data-testid': latest.current.testId } : {}),
          }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) latest.current.onChange(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = v;
    return () => v.destroy();
  }, []);

  // Outside changes (undo, another node selected) replace the text when it differs.
  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== props.value) {
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: props.value } });
    }
  }, [props.value]);

  return (
    <div
      ref={host}
      id={props.id}
      className={`expr${props.multiline ? ' expr-multi' : ''}`}
      aria-invalid={props.invalid}
    />
  );
}
