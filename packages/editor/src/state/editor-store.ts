// The open workflow: its graph, selection, undo history, validation issues and autosave.
// Every edit goes through `apply(op)`, where `op` is a pure function from core/.
import { type WorkflowGraph, validateWorkflow } from '@flowdeck/engine';
import { create } from 'zustand';
import { errorMessage } from '../api/client.ts';
import { ApiError } from '../api/client.ts';
import { draftBackup, workflowsApi } from '../api/workflows.ts';
import { History } from '../core/history.ts';
import { type Issue, type IssueIndex, indexIssues } from '../core/issues.ts';
import { pruneDanglingEdges } from '../core/graph-ops.ts';
import { catalog } from './catalog.ts';

export type SaveState = 'saved' | 'saving' | 'unsaved' | 'kept-locally' | 'error';
export type StepStatus = 'SUCCEEDED' | 'FAILED' | 'RUNNING' | 'PENDING';

interface ApplyOptions {
  /** Consecutive edits with the same key are one undo step (a drag, typing in one field). */
  coalesce?: string;
  /** Position-only edits skip validation: positions never make a graph invalid. */
  layoutOnly?: boolean;
}

interface EditorState {
  orgId?: string;
  workflowId?: string;
  name: string;
  graph: WorkflowGraph;
  selectedNodes: string[];
  selectedEdges: string[];
  issues: IssueIndex;
  issueCount: number;
  canUndo: boolean;
  canRedo: boolean;
  saveState: SaveState;
  saveError?: string;
  /** Status of each node in the last run (filled by the runs view once the API has runs). */
  lastRun: Record<string, StepStatus>;
  /** Output of each node in the last run, for autocomplete. */
  lastRunOutputs: Record<string, unknown>;
  /** Nodes added or changed since the version being compared (version history). */
  diffMarks: Record<string, 'added' | 'changed'>;
  load(orgId: string, id: string, name: string, graph: WorkflowGraph): void;
  apply(op: (g: WorkflowGraph) => WorkflowGraph, options?: ApplyOptions): void;
  seal(): void;
  undo(): void;
  redo(): void;
  select(nodes: string[], edges?: string[]): void;
  rename(name: string): void;
  saveNow(): Promise<void>;
}

const emptyIndex = indexIssues([]);
let history = new History<WorkflowGraph>({ schemaVersion: 1, nodes: [], edges: [] });
let saveTimer: ReturnType<typeof setTimeout> | undefined;
let validateTimer: ReturnType<typeof setTimeout> | undefined;

export function validate(graph: WorkflowGraph): Issue[] {
  try {
    return validateWorkflow(graph, catalog).issues;
  } catch (err) {
    return [{ path: '', message: `The workflow could not be checked: ${errorMessage(err)}` }];
  }
}

export const useEditor = create<EditorState>((set, get) => {
  const revalidate = (graph: WorkflowGraph, now = false) => {
    clearTimeout(validateTimer);
    const run = () => {
      const issues = validate(graph);
      set({ issues: indexIssues(issues), issueCount: issues.length });
    };
    if (now) run();
    else validateTimer = setTimeout(run, 120);
  };
  const scheduleSave = () => {
    clearTimeout(saveTimer);
    set({ saveState: 'unsaved' });
    saveTimer = setTimeout(() => void get().saveNow(), 800);
  };
  const afterHistory = (graph: WorkflowGraph) => {
    set({ graph, canUndo: history.canUndo, canRedo: history.canRedo });
    const ids = new Set(graph.nodes.map((n) => n.id));
    set({ selectedNodes: get().selectedNodes.filter((id) => ids.has(id)) });
    revalidate(graph);
    scheduleSave();
  };

  return {
    name: '',
    graph: history.present,
    selectedNodes: [],
    selectedEdges: [],
    issues: emptyIndex,
    issueCount: 0,
    canUndo: false,
    canRedo: false,
    saveState: 'saved',
    lastRun: {},
    lastRunOutputs: {},
    diffMarks: {},
    load(orgId, id, name, graph) {
      clearTimeout(saveTimer);
      history = new History(graph);
      set({
        orgId,
        workflowId: id,
        name,
        graph,
        selectedNodes: [],
        selectedEdges: [],
        canUndo: false,
        canRedo: false,
        saveState: 'saved',
        lastRun: {},
        lastRunOutputs: {},
      });
      // After the first paint: a 1,000-node graph opens before its check finishes.
      set({ issues: emptyIndex, issueCount: 0 });
      revalidate(graph);
    },
    apply(op, options = {}) {
      const before = get().graph;
      let next = op(before);
      if (next === before) return;
      if (!options.layoutOnly) next = pruneDanglingEdges(next, catalog);
      history.push(next, options.coalesce);
      set({ graph: next, canUndo: history.canUndo, canRedo: history.canRedo });
      if (!options.layoutOnly) revalidate(next);
      scheduleSave();
    },
    seal() {
      history.seal();
    },
    undo() {
      if (history.canUndo) afterHistory(history.undo());
    },
    redo() {
      if (history.canRedo) afterHistory(history.redo());
    },
    select(nodes, edges = []) {
      const s = get();
      if (same(s.selectedNodes, nodes) && same(s.selectedEdges, edges)) return;
      history.seal();
      set({ selectedNodes: nodes, selectedEdges: edges });
    },
    rename(name) {
      set({ name });
      scheduleSave();
    },
    async saveNow() {
      const { orgId, workflowId, name, graph } = get();
      if (!orgId || !workflowId) return;
      clearTimeout(saveTimer);
      set({ saveState: 'saving' });
      try {
        await workflowsApi(orgId).save(workflowId, { name, graph });
        draftBackup.clear(workflowId);
        if (get().graph === graph) set({ saveState: 'saved', saveError: undefined });
      } catch (err) {
        // The API stores only valid drafts: keep this one in the browser until it is fixed.
        if (err instanceof ApiError && err.status === 422) {
          draftBackup.save(workflowId, { name, graph });
          set({
            saveState: 'kept-locally',
            saveError:
              'The server keeps only valid drafts; this one is kept in this browser until the problems are fixed.',
          });
        } else set({ saveState: 'error', saveError: errorMessage(err) });
      }
    },
  };
});

function same(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** For tests and the bench: the store's undo history. */
export const editorHistory = () => history;
