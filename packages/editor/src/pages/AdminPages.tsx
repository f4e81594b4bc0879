// Organisation pages: members and roles (with invitation links), API keys and the audit log.
// Plain tables over the API; each says what to do when empty.
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { api, errorMessage } from '../api/client.ts';
import type { ApiKey, AuditEntry, CreatedApiKey, CreatedInvitation, Items, Member } from '../api/types.ts';
import { useSession } from '../state/session-store.ts';
import { Badge, Button, EmptyState, Field } from '../ui/components.tsx';

const ROLES = ['viewer', 'editor', 'admin', 'owner'] as const;
const when = (t?: string | null) => (t ? new Date(t).toLocaleString() : '—');

/** Loads `load()` now and whenever `key` changes (organisation, filter). */
export function useLoad<T>(load: () => Promise<T>, key: unknown[]) {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const latest = useRef(load);
  latest.current = load;
  const keyText = JSON.stringify(key);
  const reload = useCallback(() => {
    if (!keyText) return;
    latest
      .current()
      .then((d) => {
        setData(d);
        setError(undefined);
      })
      .catch((err) => setError(errorMessage(err)));
  }, [keyText]);
  useEffect(reload, [reload]);
  return { data, error, reload, setError };
}

export function Page(props: { title: string; actions?: ReactNode; error?: string; children: ReactNode }) {
  return (
    <main className="page">
      <div className="page-narrow stack">
        <div className="row">
          <h1 className="grow">{props.title}</h1>
          {props.actions}
        </div>
        {props.error && (
          <div className="banner banner-danger" role="alert">
            {props.error}
          </div>
        )}
        {props.children}
      </div>
    </main>
  );
}

export function MembersPage() {
  const orgId = useSession((s) => s.orgId);
  const myRole = useSession((s) => s.session?.organizations.find((o) => o.id === s.orgId)?.role);
  const manage = myRole === 'admin' || myRole === 'owner';
  const { data, error, reload, setError } = useLoad(
    () => api<Items<Member>>('GET', '/api/v1/members'),
    [orgId],
  );
  const [inviteRole, setInviteRole] = useState('editor');
  const [link, setLink] = useState<string>();
  return (
    <Page title="Members and roles" error={error}>
      {manage && (
        <div className="card row">
          <span className="grow">Invite someone with a link, valid 7 days and usable once.</span>
          <select
            className="input"
            style={{ width: 140 }}
            aria-label="Role of the invited person"
            value={inviteRole}
            onChange={(e) => setInviteRole(e.target.value)}
          >
            {ROLES.filter((r) => r !== 'owner').map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
          <Button
            variant="primary"
            onClick={async () => {
              try {
                const inv = await api<CreatedInvitation>('POST', '/api/v1/invitations', { role: inviteRole });
                setLink(inv.url);
              } catch (err) {
                setError(errorMessage(err));
              }
            }}
          >
            Create invitation link
          </Button>
        </div>
      )}
      {link && (
        <Field
          label="Invitation link"
          htmlFor="invite-link"
          help="Send it to the person; they sign up or log in, then open it."
        >
          <input id="invite-link" className="input mono" readOnly value={link} />
        </Field>
      )}
      <div className="card" style={{ padding: 0 }}>
        <table className="list">
          <thead>
            <tr>
              <th>Name</th>
              <th>Email</th>
              <th>Role</th>
              <th>Joined</th>
            </tr>
          </thead>
          <tbody>
            {data?.items.map((m) => (
              <tr key={m.userId}>
                <td>{m.name}</td>
                <td>{m.email}</td>
                <td>
                  {manage ? (
                    <select
                      className="input"
                      aria-label={`Role of ${m.name}`}
                      value={m.role}
                      onChange={async (e) => {
                        try {
                          await api('PATCH', `/api/v1/members/${m.userId}`, { role: e.target.value });
                          reload();
                        } catch (err) {
                          setError(errorMessage(err));
                        }
                      }}
                    >
                      {ROLES.map((r) => (
                        <option key={r}>{r}</option>
                      ))}
                    </select>
                  ) : (
                    <Badge>{m.role}</Badge>
                  )}
                </td>
                <td className="muted">{when(m.joinedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">
        Viewers read; editors edit and run; admins also deploy and manage members, keys and connections;
        owners can delete the organisation.
      </p>
    </Page>
  );
}

export function ApiKeysPage() {
  const orgId = useSession((s) => s.orgId);
  const { data, error, reload, setError } = useLoad(
    () => api<Items<ApiKey>>('GET', '/api/v1/api-keys'),
    [orgId],
  );
  const [name, setName] = useState('');
  const [role, setRole] = useState('editor');
  const [created, setCreated] = useState<string>();
  return (
    <Page title="API keys" error={error}>
      <form
        className="card row"
        onSubmit={async (e) => {
          e.preventDefault();
          try {
            const k = await api<CreatedApiKey>('POST', '/api/v1/api-keys', { name, role });
            setCreated(k.key);
            setName('');
            reload();
          } catch (err) {
            setError(errorMessage(err));
          }
        }}
      >
        <input
          className="input grow"
          placeholder="What is it for? e.g. CRM sync"
          aria-label="Key name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
        />
        <select
          className="input"
          style={{ width: 120 }}
          aria-label="Key role"
          value={role}
          onChange={(e) => setRole(e.target.value)}
        >
          {ROLES.filter((r) => r !== 'owner').map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
        <Button type="submit" variant="primary">
          Create key
        </Button>
      </form>
      {created && (
        <Field
          label="Your new key"
          htmlFor="new-key"
          help="Copy it now: it is shown only once. Use it as Authorization: Bearer <key>."
        >
          <input id="new-key" className="input mono" readOnly value={created} data-testid="new-key" />
        </Field>
      )}
      {data && data.items.length === 0 ? (
        <EmptyState title="No API keys">
          Create a key to let another app start workflows or read runs through the API.
        </EmptyState>
      ) : (
        <div className="card" style={{ padding: 0 }}>
          <table className="list">
            <thead>
              <tr>
                <th>Name</th>
                <th>Key</th>
                <th>Role</th>
                <th>Last used</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {data?.items.map((k) => (
                <tr key={k.id}>
                  <td>{k.name}</td>
                  <td className="mono">{k.prefix}_…</td>
                  <td>{k.role ?? 'scopes'}</td>
                  <td className="muted">{when(k.lastUsedAt)}</td>
                  <td>
                    {k.revokedAt ? (
                      <Badge tone="danger">revoked</Badge>
                    ) : (
                      <Button
                        size="sm"
                        variant="danger"
                        onClick={async () => {
                          await api('DELETE', `/api/v1/api-keys/${k.id}`).catch((err) =>
                            setError(errorMessage(err)),
                          );
                          reload();
                        }}
                      >
                        Revoke
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}

export function AuditPage() {
  const orgId = useSession((s) => s.orgId);
  const [action, setAction] = useState('');
  const { data, error } = useLoad(
    () =>
      api<Items<AuditEntry>>(
        'GET',
        `/api/v1/audit?limit=100${action ? `&action=${encodeURIComponent(action)}` : ''}`,
      ),
    [orgId, action],
  );
  return (
    <Page
      title="Audit log"
      error={error}
      actions={
        <>
          <input
            className="input"
            style={{ width: 220 }}
            placeholder="Filter by action, e.g. workflow."
            aria-label="Filter by action"
            value={action}
            onChange={(e) => setAction(e.target.value)}
          />
          <a className="btn" href="/api/v1/audit/export?format=csv" download>
            Export CSV
          </a>
        </>
      }
    >
      <div className="card" style={{ padding: 0 }}>
        <table className="list">
          <thead>
            <tr>
              <th>When</th>
              <th>Who</th>
              <th>Action</th>
              <th>Target</th>
              <th>IP</th>
            </tr>
          </thead>
          <tbody>
            {data?.items.map((e) => (
              <tr key={e.id}>
                <td className="muted">{when(e.at)}</td>
                <td className="mono">
                  {e.actor.type === 'user' ? e.actor.id : `${e.actor.type} ${e.actor.id}`}
                </td>
                <td>{e.action}</td>
                <td className="mono">
                  {e.target.type} {e.target.id}
                </td>
                <td className="muted">{e.ip}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {data?.items.length === 0 && (
          <div className="empty muted">Nothing recorded{action ? ` for “${action}”` : ''} yet.</div>
        )}
      </div>
    </Page>
  );
}
