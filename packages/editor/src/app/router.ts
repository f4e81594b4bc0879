// Hash routes (`#/workflows/wf_1`): the API serves one index.html at `/` and needs no
// fallback rule for client paths.
import { useSyncExternalStore } from 'react';
import { browser } from './browser.ts';

export type Route =
  | { page: 'login' }
  | { page: 'signup' }
  | { page: 'workflows' }
  | { page: 'runs' }
  | { page: 'run'; runId: string }
  | { page: 'members' }
  | { page: 'api-keys' }
  | { page: 'audit' }
  | { page: 'editor'; workflowId: string };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'login') return { page: 'login' };
  if (parts[0] === 'signup') return { page: 'signup' };
  if (parts[0] === 'runs' && parts[1]) return { page: 'run', runId: parts[1] };
  if (parts[0] === 'runs') return { page: 'runs' };
  if (parts[0] === 'members') return { page: 'members' };
  if (parts[0] === 'api-keys') return { page: 'api-keys' };
  if (parts[0] === 'audit') return { page: 'audit' };
  if (parts[0] === 'workflows' && parts[1]) return { page: 'editor', workflowId: parts[1] };
  return { page: 'workflows' };
}

export function navigate(path: string): void {
  browser.location.hash = path;
}

const subscribe = (fn: () => void) => {
  browser.addEventListener('hashchange', fn);
  return () => browser.removeEventListener('hashchange', fn);
};

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => browser.location.hash);
  return parseRoute(hash);
}
