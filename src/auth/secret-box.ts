import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { secret } from '../settings/secrets.ts';

const VERSION = 'v1';

/**
 * Encrypts a short secret with AES-256-GCM. `context` is authenticated but not stored (e.g. the
 * account it belongs to), so a ciphertext copied onto another row does not decrypt there.
 */
export function seal(key: Buffer, plaintext: string, context: string): string {
  if (key.length !== 32) throw new Error('an AES-256 key has 32 bytes');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

/** Decrypts what `seal` made with the same key and context; throws if anything was altered. */
export function open(key: Buffer, sealed: string, context: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('not a sealed value');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

/** The key TOTP secrets are encrypted under: 32 random bytes generated once and kept in settings. */
export async function totpKey(db: Kysely<Database>): Promise<Buffer> {
  const key = Buffer.from(await secret(db, 'totp-key'), 'base64url');
  if (key.length !== 32) throw new Error('the totp-key setting is not a 32-byte key');
  return key;
}

/** The authenticated context of an account's TOTP secret. */
export function totpContext(userId: number): string {
  return `staff_users/${userId}/totp_secret`;
}
