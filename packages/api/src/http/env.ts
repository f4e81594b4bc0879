// Hono's typed context for this app: what middleware puts on `c` for the handlers.
import type { Permission, Role } from '../access/permissions.ts';
import type { AppDeps } from '../deps.ts';
import type { RateLimiter } from './rate-limit.ts';

export type Principal =
  | { kind: 'user'; userId: string; email: string; name: string; sessionTokenHash: string }
  | { kind: 'apiKey'; keyId: string; organizationId: string; role: Role | null; scopes: Permission[] };

export interface OrgContext {
  organizationId: string;
  /** The member's role; for an API key, the key's role (null when it has explicit scopes). */
  role: Role | null;
  permissions: ReadonlySet<Permission>;
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    limits: { login: RateLimiter; apiKey: RateLimiter };
    requestId: string;
    principal?: Principal;
    org?: OrgContext;
  };
}
