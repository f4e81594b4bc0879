export { createMemoryStore } from './memory.ts';
export { runningDeleteError } from './errors.ts';
