// The few browser globals the non-React modules use, typed here so those modules also
// typecheck in the repo's Node-only program (root tsconfig, no DOM lib).
interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

interface BrowserGlobals {
  localStorage: KeyValueStorage;
  location: { hash: string };
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
  matchMedia?(query: string): { matches: boolean };
}

export const browser = globalThis as unknown as BrowserGlobals;
