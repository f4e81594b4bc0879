// Sign up, log in, log out, who am I.
import { z } from 'zod';
import { recordAudit } from '../audit/audit-log.ts';
import { SessionSchema as SessionView } from '../contract/auth.ts';
import type { AppDeps } from '../deps.ts';
import { clientIp } from '../http/client.ts';
import { problems } from '../http/problem.ts';
import type { RouteRegistry } from '../http/route.ts';
import { NoContent } from '../http/schemas.ts';
import { newId } from '../ids.ts';
import { createOrganization, organizationJson, organizationsOf } from '../orgs/organizations.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { clearSessionCookie, createSession, deleteSession, setSessionCookie } from './sessions.ts';
import { findUserByEmail, normalizeEmail, userJson } from './users.ts';
import { prepared } from '../db/prepared.ts';

const Email = z.email().max(254);
const Password = z.string().min(8, 'Use at least 8 characters.').max(256);

// Verifying against a fixed hash when the email is unknown keeps both answers equally slow.
let dummyHash: Promise<string> | undefined;

export function authRoutes(r: RouteRegistry, deps: AppDeps): void {
  const { db, clock, config } = deps;
  const sessionView = (userId: string, user: Parameters<typeof userJson>[0]) => ({
    user: userJson(user),
    organizations: organizationsOf(db, userId).map((o) => organizationJson(o, o.role)),
  });

  r.add({
    method: 'post',
    path: '/api/v1/auth/signup',
    summary: 'Create an account, an organisation it owns, and a session',
    tags: ['auth'],
    auth: 'public',
    body: z.strictObject({
      email: Email,
      password: Password,
      name: z.string().trim().min(1).max(100),
      organization: z.string().trim().min(1).max(100),
    }),
    responses: { 201: { description: 'Signed up; the session cookie is set.', schema: SessionView } },
    async handler({ c, body }) {
      const email = normalizeEmail(body.email);
      if (findUserByEmail(db, email))
        throw problems.conflict('An account with this email exists; log in instead.');
      const passwordHash = await hashPassword(body.password, config.scryptCost);
      const now = clock.now();
      const userId = newId('usr');
      const user = { id: userId, email, name: body.name, created_at: now };
      const session = db.transaction(() => {
        if (findUserByEmail(db, email)) throw problems.conflict('An account with this email exists.');
        prepared(
          db,
          'INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)',
        ).run(userId, email, body.name, passwordHash, now);
        const org = createOrganization(db, body.organization, userId, now);
        const principal = { kind: 'user' as const, userId, email, name: body.name, sessionTokenHash: '' };
        recordAudit(
          c,
          {
            organizationId: org.id,
            action: 'organization.create',
            target: { type: 'organization', id: org.id },
            after: organizationJson(org),
          },
          principal,
        );
        return createSession(db, userId, now, config.sessionTtlMs);
      })();
      setSessionCookie(c, session.token, config.sessionTtlMs);
      return c.json(sessionView(userId, user), 201);
    },
  });

  r.add({
    method: 'post',
    path: '/api/v1/auth/login',
    summary: 'Log in with email and password (rate-limited per email and IP)',
    tags: ['auth'],
    auth: 'public',
    body: z.strictObject({ email: Email, password: z.string().min(1).max(256) }),
    responses: {
      200: { description: 'Logged in; the session cookie is set.', schema: SessionView },
      401: { description: 'Wrong email or password.' },
      429: { description: 'Too many attempts; see Retry-After.' },
    },
    async handler({ c, body }) {
      const email = normalizeEmail(body.email);
      const limitKey = `${email}|${clientIp(c)}`;
      c.var.limits.login.hit(limitKey);
      const user = findUserByEmail(db, email);
      dummyHash ??= hashPassword('not a password', config.scryptCost);
      const ok = await verifyPassword(body.password, user?.password_hash ?? (await dummyHash));
      if (!user || !ok) throw problems.unauthorized('The email or the password is wrong.');
      c.var.limits.login.reset(limitKey);
      const session = createSession(db, user.id, clock.now(), config.sessionTtlMs);
      setSessionCookie(c, session.token, config.sessionTtlMs);
      return c.json(sessionView(user.id, user));
    },
  });

  r.add({
    method: 'post',
    path: '/api/v1/auth/logout',
    summary: 'End the current session',
    tags: ['auth'],
    auth: 'user',
    responses: NoContent,
    handler({ c, principal }) {
      if (principal.kind === 'user') deleteSession(db, principal.sessionTokenHash);
      clearSessionCookie(c);
      return c.body(null, 204);
    },
  });

  r.add({
    method: 'get',
    path: '/api/v1/auth/me',
    summary: 'The signed-in user and their organisations',
    tags: ['auth'],
    auth: 'user',
    responses: { 200: { description: 'The session.', schema: SessionView } },
    handler({ c, principal }) {
      if (principal.kind !== 'user') throw problems.forbidden('API keys have no user.');
      const user = prepared(db, 'SELECT * FROM users WHERE id = ?').get(principal.userId) as Parameters<
        typeof userJson
      >[0];
      return c.json(sessionView(principal.userId, user));
    },
  });
}
