// Who is signed in, in which organisation, and the theme.
import { create } from 'zustand';
import { browser } from '../app/browser.ts';
import { auth } from '../api/auth.ts';
import { ApiError, errorMessage, setCurrentOrganization } from '../api/client.ts';
import type { Organization, Session } from '../api/types.ts';
import { loadCatalog } from './catalog.ts';

type Theme = 'light' | 'dark';

interface SessionState {
  status: 'loading' | 'signed-out' | 'signed-in';
  session?: Session;
  orgId?: string;
  theme: Theme;
  /** Why the node catalog could not be read (the palette is then empty). */
  catalogError?: string;
  load(): Promise<void>;
  /** Records the session and reads the node catalog; signed-in only once the catalog is here. */
  signedIn(session: Session): Promise<void>;
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
      await get().signedIn(await auth.me());
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 401) console.warn(err);
      set({ status: 'signed-out', session: undefined });
    }
  },
  async signedIn(session) {
    const orgId = pickOrg(session);
    setCurrentOrganization(orgId);
    let catalogError: string | undefined;
    await loadCatalog().catch((err) => {
      catalogError = `The list of step types could not be loaded: ${errorMessage(err)}`;
    });
    set({ status: 'signed-in', session, orgId, catalogError });
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
