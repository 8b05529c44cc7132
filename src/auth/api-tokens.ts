import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { appendEvent } from '../audit/append-events.ts';
import type { Database } from '../db/database.ts';
import type { ApiTokenRow } from '../db/tables/api-tokens.ts';
import { DomainError } from '../errors.ts';

export const TOKEN_SCOPES = ['submit', 'read'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

const TOKEN_PREFIX = 'cnd_';

/** The bearer token is missing, unknown or revoked. */
export class TokenInvalidError extends DomainError {}
/** The token is valid but its scope does not cover what was asked. */
export class TokenScopeError extends DomainError {}

/** SHA-256 of a token: what the database keeps instead of the token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Creates an API token and returns its secret, which exists only in this answer: the database
 * keeps its hash and a short prefix to tell tokens apart.
 */
export async function createApiToken(db: Kysely<Database>, name: string, scope: TokenScope, actor: string): Promise<{ id: number; token: string }> {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const prefix = token.slice(0, 12);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('api_tokens')
      .values({ name, scope, token_hash: hashToken(token), prefix })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendEvent(trx, { actor, action: 'api_token.created', subjectType: 'api_token', subjectId: row.id, payload: { name, scope, prefix } });
    return { id: row.id, token };
  });
}

/**
 * Finds the live token a bearer credential names and checks its scope. Raises TokenInvalidError
 * (answered 401) or TokenScopeError (answered 403).
 */
export async function authenticateToken(db: Kysely<Database>, token: string | undefined, scope: TokenScope): Promise<ApiTokenRow> {
  if (!token) throw new TokenInvalidError('error-token-missing');
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) throw new TokenInvalidError('error-token-invalid');
  const row = await db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst();
  if (!row || row.revoked_at) throw new TokenInvalidError('error-token-invalid');
  if (row.scope !== scope) throw new TokenScopeError('error-token-scope', [scope]);
  // Noting every use would write on every call; once a minute tells staff enough.
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) {
    await db.updateTable('api_tokens').set({ last_used_at: new Date() }).where('id', '=', row.id).execute();
  }
  return row;
}
