import type { Kysely } from 'kysely';
import { addStaffUser, reissueSignInLink } from '../auth/staff-accounts.ts';
import type { Database } from '../db/database.ts';

/** The demo's administrator; `.invalid` is reserved (RFC 2606), so no mail can ever reach it. */
export const DEMO_ADMIN_EMAIL = 'admin@demo.candor.invalid';

/** How to get into the demo's console: a one-time set-up link, or (once set up) the sign-in page. */
export type DemoConsoleAccess = { email: string; token: string; expiresAt: Date } | { email: string; token: null };

/**
 * Makes sure the demo has an administrator to sign in with. On a database without staff accounts
 * it creates one; while that account is not set up, every start gives it a fresh one-time link
 * (earlier ones stop working). A desk with real accounts and no demo account gets none.
 */
export async function ensureDemoAdmin(db: Kysely<Database>, now = new Date()): Promise<DemoConsoleAccess | undefined> {
  const existing = await db.selectFrom('staff_users').select(['id', 'activated_at', 'disabled_at']).where('email', '=', DEMO_ADMIN_EMAIL).executeTakeFirst();
  if (!existing) {
    const anyone = await db.selectFrom('staff_users').select('id').limit(1).executeTakeFirst();
    if (anyone) return undefined;
    const added = await addStaffUser(db, { email: DEMO_ADMIN_EMAIL, role: 'admin', actor: 'system:demo' }, now);
    return { email: added.email, token: added.token, expiresAt: added.expiresAt };
  }
  if (existing.disabled_at) return undefined;
  if (existing.activated_at) return { email: DEMO_ADMIN_EMAIL, token: null };
  const link = await reissueSignInLink(db, { userId: existing.id }, 'system:demo', now);
  return { email: link.email, token: link.token, expiresAt: link.expiresAt };
}
