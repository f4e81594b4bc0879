// The open workflow: its graph, selection, undo history, validation issues and autosave.
// Every edit goes through `apply(op)`, where `op` is a pure function from core/.
// Issues are the API's: every autosave (`PUT`) stores the draft, valid or not, and answers what
// the engine finds wrong with it (docs/api.md "Drafts keep half-built work"); the editor shows
// those on the nodes and fields. One checker, the server's, for the editor and for deploy.
import type { WorkflowGraph } from '@flowdeck/engine';
import { create } from 'zustand';
import { errorMessage } from '../api/client.ts';
import { workflowsApi } from '../api/workflows.ts';
import { History } from '../core/history.ts';
import { type Issue, type IssueIndex, indexIssues } from '../core/issues.ts';
import { pruneDanglingEdges } from '../core/graph-ops.ts';
import { catalog } from './catalog.ts';

export type SaveState = 'saved' | 'saving' | 'unsaved' | 'error';
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
  tags: string[];
  /** The issues shown belong to an older draft than the one on screen (a save is pending). */
  issuesStale: boolean;
  load(
    orgId: string,
    workflow: { id: string; name: string; graph: WorkflowGraph; tags?: string[]; issues?: Issue[] },
  ): void;
  apply(op: (g: WorkflowGraph) => WorkflowGraph, options?: ApplyOptions): void;
  seal(): void;
  undo(): void;
  redo(): void;
  select(nodes: string[], edges?: string[]): void;
  rename(name: string): void;
  setTags(tags: string[]): void;
  saveNow(): Promise<void>;
}

const emptyIndex = indexIssues([]);
const SAVE_DELAY_MS = 600;
let history = new History<WorkflowGraph>({ schemaVersion: 1, nodes: [], edges: [] });
let saveTimer: ReturnType<typeof setTimeout> | undefined;

export const useEditor = create<EditorState>((set, get) => {
  const showIssues = (issues: readonly Issue[]) =>
    set({ issues: indexIssues(issues), issueCount: issues.length, issuesStale: false });
  const scheduleSave = (graphChanged: boolean) => {
    clearTimeout(saveTimer);
    set({ saveState: 'unsaved', ...(graphChanged ? { issuesStale: true } : {}) });
    saveTimer = setTimeout(() => void get().saveNow(), SAVE_DELAY_MS);
  };
  const afterHistory = (graph: WorkflowGraph) => {
    set({ graph, canUndo: history.canUndo, canRedo: history.canRedo });
    const ids = new Set(graph.nodes.map((n) => n.id));
    set({ selectedNodes: get().selectedNodes.filter((id) => ids.has(id)) });
    scheduleSave(true);
  };

  return {
    name: '',
    tags: [],
    issuesStale: false,
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
    load(orgId, { id, name, graph, tags = [], issues = [] }) {
      clearTimeout(saveTimer);
      history = new History(graph);
      set({
        orgId,
        workflowId: id,
        name,
        tags,
        graph,
        selectedNodes: [],
        selectedEdges: [],
        canUndo: false,
        canRedo: false,
        saveState: 'saved',
        lastRun: {},
        lastRunOutputs: {},
      });
      showIssues(issues);
    },
    apply(op, options = {}) {
      const before = get().graph;
      let next = op(before);
      if (next === before) return;
      if (!options.layoutOnly) next = pruneDanglingEdges(next, catalog);
      history.push(next, options.coalesce);
      set({ graph: next, canUndo: history.canUndo, canRedo: history.canRedo });
      scheduleSave(!options.layoutOnly);
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
      scheduleSave(false);
    },
    setTags(tags) {
      set({ tags });
      scheduleSave(false);
    },
    async saveNow() {
      const { orgId, workflowId, name, graph, tags } = get();
      if (!orgId || !workflowId) return;
      clearTimeout(saveTimer);
      set({ saveState: 'saving' });
      try {
        const saved = await workflowsApi(orgId).save(workflowId, { name, graph, tags });
        // A newer edit made while this one was on its way is saved (and checked) next.
        if (get().graph !== graph) return;
        set({ saveState: get().saveState === 'saving' ? 'saved' : get().saveState, saveError: undefined });
        showIssues(saved.issues ?? []);
      } catch (err) {
        set({ saveState: 'error', saveError: errorMessage(err) });
      }
    },
  };
});

function same(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** For tests and the bench: the store's undo history. */
export const editorHistory = () => history;
