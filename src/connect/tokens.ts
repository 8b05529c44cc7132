import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { secret } from '../settings/secrets.ts';

/** A confirmation token as the link carries it: 32 random bytes, URL-safe. */
export function newConfirmToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored of a token: its SHA-256, so a copy of the database confirms no one. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Whether a text has the shape of a token at all (checked before any lookup). */
export function looksLikeToken(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{20,100}$/.test(value);
}

/** The key of unsubscribe tokens, kept in the database so every process agrees on it. Read it outside a transaction. */
export function unsubscribeKey(db: Kysely<Database>): Promise<string> {
  return secret(db, 'connect-unsubscribe-key');
}

function unsubscribeMac(key: string, id: number): string {
  return createHmac('sha256', key).update(`unsubscribe:${id}`).digest('base64url').slice(0, 32);
}

/**
 * The token of a subscriber's unsubscribe links: their id and a keyed hash of it. Nothing is
 * stored for it, so every message to them (the newsletter included) can carry a working link,
 * and it keeps working, answering "unsubscribed", after the row is gone.
 */
export function unsubscribeToken(key: string, id: number): string {
  return `${id}.${unsubscribeMac(key, id)}`;
}

/** The subscriber id an unsubscribe token was made for, or undefined when it is not genuine. */
export async function readUnsubscribeToken(db: Kysely<Database>, token: unknown): Promise<number | undefined> {
  if (typeof token !== 'string') return undefined;
  const match = /^([1-9][0-9]{0,15})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!match) return undefined;
  const id = Number(match[1]);
  const expected = Buffer.from(unsubscribeMac(await unsubscribeKey(db), id));
  const given = Buffer.from(match[2]!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? id : undefined;
}
