// Editor keyboard shortcuts and clipboard. Ignored while typing in a field or CodeMirror.
import { useEffect } from 'react';
import { copySelection, pasteInto, readClipboard } from '../core/clipboard.ts';
import { deleteElements } from '../core/graph-ops.ts';
import { useEditor } from '../state/editor-store.ts';

let memoryClipboard = '';
let pasteCount = 0;

function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return (
    el.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) ||
    !!el.closest?.('.cm-editor')
  );
}

export async function copyToClipboard(cut: boolean): Promise<boolean> {
  const { graph, selectedNodes, apply } = useEditor.getState();
  const text = copySelection(graph, selectedNodes);
  if (!text) return false;
  memoryClipboard = text;
  pasteCount = 0;
  await navigator.clipboard?.writeText(text).catch(() => undefined);
  if (cut) apply((g) => deleteElements(g, selectedNodes));
  return true;
}

export async function pasteFromClipboard(): Promise<void> {
  let text = '';
  try {
    text = (await navigator.clipboard?.readText()) ?? '';
  } catch {
    // No permission to read: fall back to what was copied in this tab.
  }
  const payload = readClipboard(text) ?? readClipboard(memoryClipboard);
  if (!payload) return;
  pasteCount++;
  let pasted: string[] = [];
  useEditor.getState().apply((g) => {
    const r = pasteInto(g, payload, { x: 40 * pasteCount, y: 40 * pasteCount });
    pasted = r.pastedIds;
    return r.graph;
  });
  useEditor.getState().select(pasted);
}

export function useShortcuts(actions: {
  layout(): void;
  fit(): void;
  toggleMinimap(): void;
  help(): void;
  readOnly?: boolean;
}) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typingIn(e.target)) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      const editor = useEditor.getState();
      if (mod && key === 'z' && !e.shiftKey) {
        e.preventDefault();
        editor.undo();
      } else if ((mod && key === 'z' && e.shiftKey) || (mod && key === 'y')) {
        e.preventDefault();
        editor.redo();
      } else if (mod && (key === 'c' || key === 'x')) {
        if (editor.selectedNodes.length === 0) return;
        e.preventDefault();
        void copyToClipboard(key === 'x' && !actions.readOnly);
      } else if (mod && key === 'v' && !actions.readOnly) {
        e.preventDefault();
        void pasteFromClipboard();
      } else if (mod && key === 'a') {
        e.preventDefault();
        editor.select(editor.graph.nodes.map((n) => n.id));
      } else if (e.shiftKey && key === 'l' && !mod) {
        actions.layout();
      } else if (e.shiftKey && key === 'f' && !mod) {
        actions.fit();
      } else if (e.shiftKey && key === 'm' && !mod) {
        actions.toggleMinimap();
      } else if (e.key === '?') {
        actions.help();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions]);
}
