// Node types whose graph rules are part of the graph contract itself (docs/graph.md "Edges and
// handles"); the validator, the compiler and the editor all treat them specially.
export const FOR_EACH_TYPE = 'logic.for_each';
export const PARALLEL_TYPE = 'logic.parallel';
export const JOIN_TYPE = 'logic.join';
export const APPROVAL_TYPE = 'logic.approval';

/** The handle a for-each body starts from, and the one that continues after the loop. */
export const FOR_EACH_ITEM_HANDLE = 'item';
export const FOR_EACH_DONE_HANDLE = 'done';
/** Present on any node whose `settings.onError` is `branch`. */
export const ERROR_HANDLE = 'error';
