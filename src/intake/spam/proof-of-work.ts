import { createChallenge, verifySolution } from 'altcha-lib/v1';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { secret } from '../../settings/secrets.ts';

/** A challenge as the form carries it to the browser's solver. */
export interface PowChallenge {
  algorithm: string;
  challenge: string;
  maxnumber: number;
  salt: string;
  signature: string;
}

// About a second of hashing on a cheap phone; nothing for a person, expensive in bulk.
const MAX_NUMBER = 100_000;
const LIFETIME_MS = 30 * 60 * 1000;

/** A fresh, signed proof-of-work challenge (ALTCHA's scheme, verified by this server alone). */
export async function newChallenge(db: Kysely<Database>): Promise<PowChallenge> {
  const challenge = await createChallenge({
    hmacKey: await secret(db, 'pow-key'),
    maxNumber: MAX_NUMBER,
    expires: new Date(Date.now() + LIFETIME_MS),
  });
  return { ...challenge, maxnumber: challenge.maxnumber ?? MAX_NUMBER };
}

/**
 * Whether a submitted solution is genuine, unexpired and used for the first time. A spent
 * solution is remembered (as a rate-limit bucket of its own) until well after it expires.
 */
export async function verifyProofOfWork(db: Kysely<Database>, payload: string | undefined): Promise<boolean> {
  if (!payload || payload.length > 2000) return false;
  let valid: boolean;
  try {
    valid = await verifySolution(payload, await secret(db, 'pow-key'), true);
  } catch {
    return false;
  }
  if (!valid) return false;
  const { signature } = JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as { signature: string };
  const spent = await db
    .insertInto('rate_limits')
    .values({ bucket: `pow:${signature}`, window_start: new Date(), hits: 1 })
    .onConflict((conflict) => conflict.columns(['bucket', 'window_start']).doNothing())
    .returning('hits')
    .executeTakeFirst();
  if (!spent) return false;
  const uses = await db.selectFrom('rate_limits').select(sql<number>`count(*)`.as('n')).where('bucket', '=', `pow:${signature}`).executeTakeFirstOrThrow();
  return Number(uses.n) === 1;
}
