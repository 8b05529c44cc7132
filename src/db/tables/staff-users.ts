import type { Generated, Selectable } from 'kysely';
import type { Role } from '../../auth/permissions.ts';

/** A member of staff who signs in to the console. */
export interface StaffUsersTable {
  id: Generated<number>;
  /** Lower-case; the sign-in name. */
  email: string;
  display_name: string | null;
  role: Role;
  /** Argon2id (PHC string); null until the account is set up through its one-time link. */
  password_hash: string | null;
  /** The TOTP secret (base32), encrypted under a key kept in settings; null until enrolled. */
  totp_secret: string | null;
  /** The last TOTP time step accepted, so that a code is never accepted twice. */
  totp_last_step: number | null;
  created_at: Generated<Date>;
  activated_at: Date | null;
  disabled_at: Date | null;
}

export type StaffUserRow = Selectable<StaffUsersTable>;

/** A one-time link that lets a new account set its password and second factor. Only its hash is kept. */
export interface StaffSignInLinksTable {
  token_hash: string;
  user_id: number;
  created_at: Generated<Date>;
  expires_at: Date;
  used_at: Date | null;
}

/** A signed-in browser. The cookie holds a random token; the table holds its SHA-256. */
export interface StaffSessionsTable {
  id: Generated<number>;
  token_hash: string;
  user_id: number;
  /** Sent back in every state-changing form, compared with this value (synchroniser token). */
  csrf_token: string;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  /** When the second factor was last entered in this session (sign-in or step-up). */
  stepped_up_at: Date | null;
  /** A short description of the browser, so that staff can tell their sessions apart. */
  user_agent: string | null;
  revoked_at: Date | null;
}

export type StaffSessionRow = Selectable<StaffSessionsTable>;
