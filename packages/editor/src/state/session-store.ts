// Who is signed in, in which organisation, and the theme.
import { create } from 'zustand';
import { browser } from '../app/browser.ts';
import { auth } from '../api/auth.ts';
import { ApiError, setCurrentOrganization } from '../api/client.ts';
import type { Organization, Session } from '../api/types.ts';

type Theme = 'light' | 'dark';

interface SessionState {
  status: 'loading' | 'signed-out' | 'signed-in';
  session?: Session;
  orgId?: string;
  theme: Theme;
  load(): Promise<void>;
  signedIn(session: Session): void;
  logout(): Promise<void>;
  switchOrganization(id: string): void;
  addOrganization(org: Organization): void;
  toggleTheme(): void;
}

const ORG_KEY = 'flowdeck.org';
const THEME_KEY = 'flowdeck.theme';

function initialTheme(): Theme {
  const saved = browser.localStorage.getItem(THEME_KEY);
  if (saved === 'light' || saved === 'dark') return saved;
  return browser.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function pickOrg(session: Session): string | undefined {
  const saved = browser.localStorage.getItem(ORG_KEY);
  return session.organizations.find((o) => o.id === saved)?.id ?? session.organizations[0]?.id;
}

export const useSession = create<SessionState>((set, get) => ({
  status: 'loading',
  theme: initialTheme(),
  async load() {
    try {
      get().signedIn(await auth.me());
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 401) console.warn(err);
      set({ status: 'signed-out', session: undefined });
    }
  },
  signedIn(session) {
    const orgId = pickOrg(session);
    setCurrentOrganization(orgId);
    set({ status: 'signed-in', session, orgId });
  },
  async logout() {
    await auth.logout().catch(() => undefined);
    setCurrentOrganization(undefined);
    set({ status: 'signed-out', session: undefined, orgId: undefined });
  },
  switchOrganization(id) {
    browser.localStorage.setItem(ORG_KEY, id);
    setCurrentOrganization(id);
    set({ orgId: id });
  },
  addOrganization(org) {
    const session = get().session;
    if (!session) return;
    set({ session: { ...session, organizations: [...session.organizations, org] } });
    get().switchOrganization(org.id);
  },
  toggleTheme() {
    const theme = get().theme === 'dark' ? 'light' : 'dark';
    browser.localStorage.setItem(THEME_KEY, theme);
    set({ theme });
  },
}));

export function currentOrganization(): Organization | undefined {
  const { session, orgId } = useSession.getState();
  return session?.organizations.find((o) => o.id === orgId);
}
