import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import { referencesInSubject } from './message-ids.ts';
import type { InboundMessage } from './parse-message.ts';

/** How a reply was matched to its request. */
export type ThreadMatch = 'in-reply-to' | 'references' | 'subject';

export interface Thread {
  requestId: number;
  reference: string;
  by: ThreadMatch;
}

/**
 * The request a reply belongs to: the one whose message (received, or sent by Candor, such as
 * the acknowledgement in the outbox) the reply names in In-Reply-To, else in References (the most
 * recent first), else the existing request whose reference the subject quotes. A request whose
 * personal data retention has anonymised takes no more mail: a reply to it starts a new matter,
 * which retention then treats on its own.
 */
export async function findThread(trx: Transaction<Database>, message: InboundMessage): Promise<Thread | undefined> {
  const named = [
    ...message.inReplyTo.map((id) => ({ id, by: 'in-reply-to' as const })),
    ...[...message.references].reverse().map((id) => ({ id, by: 'references' as const })),
  ];
  if (named.length > 0) {
    const ids = [...new Set(named.map((entry) => entry.id))];
    const received = await trx
      .selectFrom('request_messages')
      .innerJoin('requests', 'requests.id', 'request_messages.request_id')
      .select(['request_messages.message_id as messageId', 'requests.id as requestId', 'requests.reference'])
      .where('request_messages.message_id', 'in', ids)
      .where('requests.anonymised_at', 'is', null)
      .execute();
    const sent = await trx
      .selectFrom('outbox')
      .innerJoin('requests', 'requests.id', 'outbox.request_id')
      .select([sql<string>`outbox.headers->>'Message-ID'`.as('messageId'), 'requests.id as requestId', 'requests.reference'])
      .where(sql<string>`outbox.headers->>'Message-ID'`, 'in', ids)
      .where('requests.anonymised_at', 'is', null)
      .execute();
    const byId = new Map([...sent, ...received].map((row) => [row.messageId, row]));
    for (const entry of named) {
      const row = byId.get(entry.id);
      if (row) return { requestId: row.requestId, reference: row.reference, by: entry.by };
    }
  }
  const references = referencesInSubject(message.subject);
  if (references.length > 0) {
    const rows = await trx.selectFrom('requests').select(['id', 'reference']).where('reference', 'in', references).where('anonymised_at', 'is', null).execute();
    const byReference = new Map(rows.map((row) => [row.reference, row]));
    for (const reference of references) {
      const row = byReference.get(reference);
      if (row) return { requestId: row.id, reference: row.reference, by: 'subject' };
    }
  }
  return undefined;
}
