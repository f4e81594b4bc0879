// THE permission table (mirrored in docs/permissions.md). Each role includes the one below it.
// `requirePermission` is the only place that reads it.

export const roles = ['viewer', 'editor', 'admin', 'owner'] as const;
export type Role = (typeof roles)[number];

export const permissionsByRole = {
  viewer: [
    'organization:read',
    'member:read',
    'team:read',
    'workflow:read',
    'run:read',
    'approval:read',
    'connection:read',
  ],
  editor: ['workflow:edit', 'workflow:run', 'run:cancel', 'approval:answer'],
  admin: [
    'workflow:deploy',
    'workflow:delete',
    'member:manage',
    'team:manage',
    'connection:manage',
    'apikey:manage',
    'audit:read',
    'organization:update',
  ],
  owner: ['organization:delete'],
} as const;

export type Permission = (typeof permissionsByRole)[Role][number];

export const allPermissions: Permission[] = roles.flatMap((r) => [...permissionsByRole[r]]);

/** Every permission of a role: its own plus those of the roles below it. */
export function permissionsOf(role: Role): Set<Permission> {
  const out = new Set<Permission>();
  for (const r of roles) {
    for (const p of permissionsByRole[r]) out.add(p);
    if (r === role) break;
  }
  return out;
}

export const roleRank = (role: Role): number => roles.indexOf(role);
