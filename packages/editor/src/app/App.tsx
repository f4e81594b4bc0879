import { useEffect } from 'react';
import { ApiKeysPage, AuditPage, MembersPage } from '../pages/AdminPages.tsx';
import { RunDetailPage } from '../pages/RunDetailPage.tsx';
import { RunsPage } from '../pages/RunsPage.tsx';
import { AuthPage } from '../pages/AuthPage.tsx';
import { EditorPage } from '../pages/EditorPage.tsx';
import { WorkflowsPage } from '../pages/WorkflowsPage.tsx';
import { useSession } from '../state/session-store.ts';
import { TooltipProvider } from '../ui/components.tsx';
import { navigate, useRoute } from './router.ts';
import { TopBar } from './TopBar.tsx';

export function App() {
  const route = useRoute();
  const status = useSession((s) => s.status);
  const theme = useSession((s) => s.theme);
  const orgId = useSession((s) => s.orgId);
  const catalogError = useSession((s) => s.catalogError);

  useEffect(() => {
    void useSession.getState().load();
  }, []);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  useEffect(() => {
    if (status === 'signed-out' && route.page !== 'login' && route.page !== 'signup') navigate('/login');
    if (status === 'signed-in' && (route.page === 'login' || route.page === 'signup')) navigate('/workflows');
  }, [status, route.page]);

  if (status === 'loading') return <div className="page muted">Loading…</div>;
  if (status === 'signed-out' || route.page === 'login' || route.page === 'signup')
    return <AuthPage mode={route.page === 'signup' ? 'signup' : 'login'} />;

  return (
    <TooltipProvider>
      <div className="shell">
        <TopBar />
        {catalogError && (
          <div className="banner banner-danger" role="alert">
            {catalogError} Reload the page to try again.
          </div>
        )}
        {route.page === 'editor' ? (
          <EditorPage key={`${orgId}/${route.workflowId}`} workflowId={route.workflowId} />
        ) : route.page === 'run' ? (
          <RunDetailPage key={`${orgId}/${route.runId}`} runId={route.runId} />
        ) : route.page === 'runs' ? (
          <RunsPage key={orgId} />
        ) : route.page === 'members' ? (
          <MembersPage key={orgId} />
        ) : route.page === 'api-keys' ? (
          <ApiKeysPage key={orgId} />
        ) : route.page === 'audit' ? (
          <AuditPage key={orgId} />
        ) : (
          <WorkflowsPage key={orgId} />
        )}
      </div>
    </TooltipProvider>
  );
}
