import type { Kysely } from 'kysely';
import { appendEvent } from '../../audit/append-events.ts';
import type { Database } from '../../db/database.ts';
import type { PublicNoticeRow } from '../../db/tables/public-notices.ts';
import type { Kind, RequesterType } from '../../requests/model.ts';
import { DEFAULT_RETRY, type RetryPolicy } from '../http-retry.ts';
import { postLumenNotice } from './lumen-client.ts';
import { buildLumenNotice, type LumenNoticeInput } from './lumen-payload.ts';

/**
 * What Lumen receives of a published notice: its redacted title and text, the public targets
 * (a marker such as `[not actioned]` is not a URL and is left out), and the requester as its
 * type and country — named only when it is an organisation, never a private person.
 */
export function lumenInputOf(notice: PublicNoticeRow): LumenNoticeInput {
  const urls = notice.targets.filter((target) => /^https?:\/\//.test(target));
  const organisation = notice.requester_organization && notice.requester_type !== 'individual' ? notice.requester_organization : null;
  return {
    reference: notice.reference,
    kind: notice.kind as Kind,
    category: notice.category,
    requesterType: notice.requester_type as RequesterType | null,
    title: notice.title,
    body: notice.body,
    dateReceived: notice.received_at,
    jurisdictions: notice.country ? [notice.country] : [],
    works: [{ description: notice.title, copyrightedUrls: [], infringingUrls: urls }],
    parties: [{ role: 'sender', kind: organisation ? 'organization' : 'individual', name: organisation, countryCode: notice.country }],
    outcome: notice.outcome === 'granted' || notice.outcome === 'partially_granted' || notice.outcome === 'denied' ? notice.outcome : null,
  };
}

/**
 * Sends every published notice Lumen has not taken yet, one at a time, recording each answer:
 * a notice Lumen took is never sent again; one it refused, or that could not reach it, is tried
 * again on the next run. Audited per notice sent.
 */
export async function sendNoticesToLumen(db: Kysely<Database>, endpoint: { url: string; token: string }, retry: RetryPolicy = DEFAULT_RETRY): Promise<{ sent: number; failed: { reference: string; error: string }[] }> {
  const pending = await db
    .selectFrom('public_notices as n')
    .leftJoin('lumen_exports as l', 'l.notice_id', 'n.id')
    .selectAll('n')
    .where('n.state', '=', 'published')
    .where((eb) => eb.or([eb('l.state', 'is', null), eb('l.state', '=', 'failed')]))
    .orderBy('n.published_at')
    .orderBy('n.id')
    .execute();
  let sent = 0;
  const failed: { reference: string; error: string }[] = [];
  for (const notice of pending) {
    let outcome: { state: 'sent' | 'failed'; location: string | null; error: string | null };
    try {
      const { location } = await postLumenNotice(endpoint, buildLumenNotice(lumenInputOf(notice)), retry);
      outcome = { state: 'sent', location, error: null };
    } catch (error) {
      outcome = { state: 'failed', location: null, error: error instanceof Error ? error.message.slice(0, 1000) : String(error) };
    }
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('lumen_exports')
        .values({ notice_id: notice.id, state: outcome.state, attempts: 1, location: outcome.location, last_error: outcome.error })
        .onConflict((conflict) =>
          conflict.column('notice_id').doUpdateSet((eb) => ({ state: outcome.state, attempts: eb('lumen_exports.attempts', '+', 1), location: outcome.location, last_error: outcome.error, updated_at: new Date() })),
        )
        .execute();
      if (outcome.state === 'sent') {
        await appendEvent(trx, { actor: 'system:lumen', action: 'lumen.notice_sent', subjectType: 'request', subjectId: notice.request_id, payload: { reference: notice.reference, location: outcome.location } });
      }
    });
    if (outcome.state === 'sent') sent++;
    else failed.push({ reference: notice.reference, error: outcome.error! });
  }
  return { sent, failed };
}
