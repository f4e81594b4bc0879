// Tags as removable chips plus a field: Enter or a comma adds what was typed.
import { useState } from 'react';
import { addTags } from '../core/workflow-list.ts';

export function TagInput(props: { tags: string[]; onChange(tags: string[]): void; readOnly?: boolean }) {
  const [text, setText] = useState('');
  const commit = () => {
    if (!text.trim()) return;
    props.onChange(addTags(props.tags, text));
    setText('');
  };
  return (
    <div className="tag-input" data-testid="workflow-tags">
      {props.tags.map((t) => (
        <span className="chip on" key={t} data-testid={`tag-${t}`}>
          {t}
          {!props.readOnly && (
            <button
              type="button"
              className="chip-remove"
              aria-label={`Remove tag ${t}`}
              onClick={() => props.onChange(props.tags.filter((x) => x !== t))}
            >
              ×
            </button>
          )}
        </span>
      ))}
      {!props.readOnly && (
        <input
          className="tag-field"
          aria-label="Add a tag"
          placeholder={props.tags.length ? '+ tag' : '+ Add tags'}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ',') {
              e.preventDefault();
              commit();
            } else if (e.key === 'Backspace' && !text && props.tags.length)
              props.onChange(props.tags.slice(0, -1));
          }}
          onBlur={commit}
        />
      )}
    </div>
  );
}
