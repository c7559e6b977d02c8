// Who may do what (pure). Every page loader, server action and route handler of the dashboard asks
// `can(role, permission)` through lib/auth/guard; this table is the one place the answer lives.
export const ROLES = ['admin', 'staff'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'leads.read', // the inbox, a lead's page, tasks
  'leads.write', // notes, calls, status, assignment, tasks, bookings, templated emails
  'schedule.read',
  'emails.read', // the outbox: held and failed messages
  'leads.export', // CSV of the inbox, one person's record as JSON
  'leads.erase',
  'metrics.read',
  'staff.manage', // invite, disable, change roles
  'settings.manage', // providers, weekly hours, closures
  'audit.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  // Front desk: everything needed to follow people up, nothing that takes data out in bulk.
  staff: ['leads.read', 'leads.write', 'schedule.read', 'emails.read'],
  admin: PERMISSIONS,
};

export function can(role: Role | null | undefined, permission: Permission): boolean {
  return role ? GRANTS[role].includes(permission) : false;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
