import type { OrgContext } from '../http/env.ts';
import { problems } from '../http/problem.ts';
import type { Permission } from './permissions.ts';

/** The one permission check: throws 403 unless the caller holds `permission` in the current org. */
export function requirePermission(org: OrgContext | undefined, permission: Permission): void {
  if (!org) throw problems.unauthorized();
  if (!org.permissions.has(permission)) {
    const who = org.role ? `The ${org.role} role` : 'This API key';
    throw problems.forbidden(`${who} lacks the permission "${permission}".`);
  }
}
