import { useState } from 'react';
import { auth } from '../api/auth.ts';
import { errorMessage } from '../api/client.ts';
import { useSession } from '../state/session-store.ts';
import { Button, Field } from '../ui/components.tsx';

export function AuthPage({ mode }: { mode: 'login' | 'signup' }) {
  const [form, setForm] = useState({ name: '', organization: '', email: '', password: '' });
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setForm({ ...form, [k]: e.target.value });

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const session =
        mode === 'signup'
          ? await auth.signup(form)
          : await auth.login({ email: form.email, password: form.password });
      await useSession.getState().signedIn(session);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div style={{ minHeight: '100%', display: 'grid', placeItems: 'center', padding: 24 }}>
      <form
        className="card stack"
        style={{ width: 380 }}
        onSubmit={submit}
        aria-label={mode === 'signup' ? 'Sign up' : 'Log in'}
      >
        <div className="brand">
          <span className="brand-mark" /> Flowdeck
        </div>
        <h1>{mode === 'signup' ? 'Create your account' : 'Log in'}</h1>
        {mode === 'signup' && (
          <>
            <Field label="Your name" htmlFor="name" required>
              <input
                id="name"
                className="input"
                autoComplete="name"
                value={form.name}
                onChange={set('name')}
                required
              />
            </Field>
            <Field
              label="Organisation"
              htmlFor="organization"
              required
              help="Your company, brand or client. You can add more later."
            >
              <input
                id="organization"
                className="input"
                value={form.organization}
                onChange={set('organization')}
                required
              />
            </Field>
          </>
        )}
        <Field label="Email" htmlFor="email" required>
          <input
            id="email"
            type="email"
            className="input"
            autoComplete="email"
            value={form.email}
            onChange={set('email')}
            required
          />
        </Field>
        <Field
          label="Password"
          htmlFor="password"
          required
          help={mode === 'signup' ? 'At least 8 characters.' : undefined}
        >
          <input
            id="password"
            type="password"
            className="input"
            autoComplete={mode === 'signup' ? 'new-password' : 'current-password'}
            value={form.password}
            onChange={set('password')}
            required
            minLength={mode === 'signup' ? 8 : 1}
          />
        </Field>
        {error && (
          <div className="field-error" role="alert">
            {error}
          </div>
        )}
        <Button type="submit" variant="primary" disabled={busy}>
          {mode === 'signup' ? 'Sign up' : 'Log in'}
        </Button>
        <div className="muted" style={{ textAlign: 'center' }}>
          {mode === 'signup' ? (
            <>
              Already have an account? <a href="#/login">Log in</a>
            </>
          ) : (
            <>
              New to Flowdeck? <a href="#/signup">Create an account</a>
            </>
          )}
        </div>
      </form>
    </div>
  );
}
