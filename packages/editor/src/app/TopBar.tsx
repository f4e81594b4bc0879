import { useState } from 'react';
import { auth } from '../api/auth.ts';
import { errorMessage } from '../api/client.ts';
import { useSession } from '../state/session-store.ts';
import { Button, Dialog, Field, Menu, MenuItem, MenuLabel, MenuSeparator } from '../ui/components.tsx';
import { Icon } from '../ui/icons.tsx';
import { navigate } from './router.ts';

export function TopBar() {
  const session = useSession((s) => s.session)!;
  const orgId = useSession((s) => s.orgId);
  const theme = useSession((s) => s.theme);
  const org = session.organizations.find((o) => o.id === orgId);
  const [creating, setCreating] = useState(false);

  return (
    <header className="topbar">
      <a className="brand" href="#/workflows" style={{ color: 'inherit', textDecoration: 'none' }}>
        <span className="brand-mark" /> Flowdeck
      </a>
      <Menu
        trigger={
          <Button data-testid="org-switcher" aria-label="Switch organisation">
            {org?.name ?? 'No organisation'} <span className="muted">▾</span>
          </Button>
        }
      >
        <MenuLabel>Organisations</MenuLabel>
        {session.organizations.map((o) => (
          <MenuItem
            key={o.id}
            testId={`org-${o.name}`}
            onSelect={() => {
              useSession.getState().switchOrganization(o.id);
              navigate('/workflows');
            }}
          >
            {o.id === orgId ? '✓' : <span style={{ width: 10 }} />} {o.name}
            <span className="muted" style={{ marginLeft: 'auto', fontSize: 12 }}>
              {o.role}
            </span>
          </MenuItem>
        ))}
        <MenuSeparator />
        <MenuItem onSelect={() => setCreating(true)} testId="org-new">
          + New organisation
        </MenuItem>
      </Menu>
      <nav className="row nav">
        <a href="#/workflows">Workflows</a>
        <a href="#/runs">Runs</a>
        <a href="#/members">Members</a>
        {(org?.role === 'admin' || org?.role === 'owner') && (
          <>
            <a href="#/api-keys">API keys</a>
            <a href="#/audit">Audit log</a>
          </>
        )}
      </nav>
      <div className="grow" />
      <Button
        icon
        variant="ghost"
        aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
        data-testid="theme-toggle"
        onClick={() => useSession.getState().toggleTheme()}
      >
        <Icon name={theme === 'dark' ? 'sun' : 'moon'} />
      </Button>
      <Menu
        align="end"
        trigger={
          <Button variant="ghost" data-testid="user-menu">
            {session.user.name}
          </Button>
        }
      >
        <MenuLabel>{session.user.email}</MenuLabel>
        <MenuItem testId="logout" onSelect={() => void useSession.getState().logout()}>
          Log out
        </MenuItem>
      </Menu>
      <NewOrganizationDialog open={creating} onOpenChange={setCreating} />
    </header>
  );
}

function NewOrganizationDialog(props: { open: boolean; onOpenChange(o: boolean): void }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string>();
  return (
    <Dialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title="New organisation"
      description="One organisation per brand or client; you will own it."
    >
      <form
        className="stack"
        onSubmit={async (e) => {
          e.preventDefault();
          try {
            const org = await auth.createOrganization(name);
            useSession.getState().addOrganization(org);
            props.onOpenChange(false);
            setName('');
            navigate('/workflows');
          } catch (err) {
            setError(errorMessage(err));
          }
        }}
      >
        <Field label="Name" htmlFor="org-name" required errors={error ? [error] : []}>
          <input
            id="org-name"
            className="input"
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoFocus
          />
        </Field>
        <div className="row" style={{ justifyContent: 'flex-end' }}>
          <Button type="submit" variant="primary" disabled={!name.trim()}>
            Create
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
