/**
 * Staff roles and what each may do. The route table names one permission per route; this table
 * says which roles hold it. Row-level rules (a user-data request, an assistance case) live in the
 * policy module of their capability (src/desk/policy.ts, src/assistance/policy.ts).
 */
export const ROLES = ['admin', 'counsel', 'reviewer', 'editor', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

const EVERY_ROLE: readonly Role[] = ROLES;

/** Every console permission, with the roles that hold it. */
export const CONSOLE_PERMISSIONS = {
  /** Signed in at all: the console's home, one's own sessions, signing out. */
  'console:self': EVERY_ROLE,
  /** The queue, a request's page, its timeline and attachments (user-data requests: see desk policy). */
  'requests:read': ['admin', 'counsel', 'reviewer', 'auditor'],
  /** Triage, assignment, notes, replies, the evaluation, linking duplicates and counter-notices. */
  'requests:work': ['admin', 'counsel', 'reviewer'],
  /** Recording a decision and notifying affected users. */
  'requests:decide': ['admin', 'counsel'],
  /** Contributors' requests for legal help: the most sensitive data in the system. */
  'assistance:read': ['admin', 'counsel'],
  'assistance:work': ['admin', 'counsel'],
  /** The audit trail across the system, and its exports. */
  'audit:read': ['admin', 'auditor'],
  /** Every message the system sent or would have sent, and the mail quarantine. */
  'mail:read': ['admin', 'counsel', 'reviewer', 'auditor'],
  'mail:work': ['admin', 'counsel', 'reviewer'],
  /** Reply templates and deadlines per kind. */
  'desk:configure': ['admin', 'counsel'],
  /** Staff accounts. */
  'users:manage': ['admin'],
  /** Freezing a finished period's transparency report into a published, hashed snapshot. */
  'transparency:publish': ['admin', 'counsel'],
  /** Reviewing, publishing and withdrawing the public, redacted notices of decided requests. */
  'notices:publish': ['admin', 'counsel'],
  /** How long personal data is kept, and anonymising what is past its period. */
  'retention:configure': ['admin', 'counsel'],
  /** Background jobs: their queue by kind and state, and the jobs that failed for good. */
  'jobs:read': ['admin'],
  /** The public site's pages and news. */
  'site:edit': ['admin', 'editor'],
  /** The newsletter's subscribers: their list, its exports, and wiping them. */
  'subscribers:manage': ['admin', 'editor'],
} as const satisfies Record<string, readonly Role[]>;

export type ConsolePermission = keyof typeof CONSOLE_PERMISSIONS;

/** Whether a role holds a permission. */
export function roleHolds(role: Role, permission: ConsolePermission): boolean {
  return (CONSOLE_PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
