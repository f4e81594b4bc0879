// Where the "insert a step" dialog will put the chosen node.
import { create } from 'zustand';

export type InsertTarget =
  | { kind: 'edge'; edgeId: string }
  | { kind: 'handle'; nodeId: string; handle: string | null }
  | { kind: 'canvas'; position: { x: number; y: number } };

export const useInsertTarget = create<{ target?: InsertTarget; open(t: InsertTarget): void; close(): void }>(
  (set) => ({
    open: (target) => set({ target }),
    close: () => set({ target: undefined }),
  }),
);
