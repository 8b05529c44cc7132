import { sql, type Kysely } from 'kysely';
import { openCase } from '../../src/assistance/open-case.ts';
import type { Database } from '../../src/db/database.ts';
import { prepareNoticeDraft } from '../../src/notices/prepare-draft.ts';

/** The personal data of the contributor in `addFinishedCase`, each of which must be gone once the case is anonymised. */
export const CONTRIBUTOR = {
  name: 'Ana Ruiz Calderón',
  email: 'ana.ruiz@example.net',
  phone: '+34 699 112 233',
  messenger: '@anaruizc on Signal',
  description: 'Ana Ruiz Calderón was sued in Valencia over her edits to the article on the mayor; the claim names her home at Calle Mayor 5.',
  url: 'https://es.wikipedia.org/wiki/Usuario:AnaRuizC',
} as const;

/**
 * A legal-help case closed at `finishedAt`, with a court case, counsel, funding and outcome, the
 * contributor's acknowledgement mail (sent) and one more still waiting; returns its id.
 */
export async function addFinishedCase(db: Kysely<Database>, finishedAt: Date): Promise<number> {
  const opened = await openCase(
    db,
    {
      language: 'es',
      threatKind: 'lawsuit',
      description: CONTRIBUTOR.description,
      country: 'ES',
      authority: 'Juzgado de Primera Instancia n.º 3 de Valencia',
      project: 'es.wikipedia.org',
      role: 'editor',
      courtCase: true,
      courtDeadline: '2020-03-01',
      relatedUrls: [CONTRIBUTOR.url, 'https://es.wikipedia.org/wiki/Alcalde'],
      relatedReference: null,
      name: CONTRIBUTOR.name,
      email: CONTRIBUTOR.email,
      phone: CONTRIBUTOR.phone,
      messenger: CONTRIBUTOR.messenger,
    },
    'test',
    new Date(finishedAt.getTime() - 200 * 86_400_000),
  );
  await db
    .updateTable('assistance_cases')
    .set({
      state: 'closed',
      eligibility: 'eligible',
      eligibility_reasons: `Ana Ruiz Calderón edits in good faith; reach her at ${CONTRIBUTOR.phone}.`,
      eligibility_decided_at: finishedAt,
      counsel_name: 'Marta Gil',
      counsel_firm: 'Gil Abogados',
      counsel_referred_on: '2019-12-01',
      funding_amount: '4500.00',
      funding_currency: 'EUR',
      funding_approved_on: '2019-12-15',
      outcome: `Claim dismissed; Ana Ruiz Calderón (${CONTRIBUTOR.email}) was awarded costs.`,
      updated_at: finishedAt,
    })
    .where('id', '=', opened.id)
    .execute();
  await db.updateTable('outbox').set({ status: 'sent', sent_at: finishedAt }).where('assistance_case_id', '=', opened.id).execute();
  await db
    .insertInto('outbox')
    .values({ assistance_case_id: opened.id, to_address: CONTRIBUTOR.email, subject: 'Su caso', body_text: `Estimada Ana Ruiz Calderón, …`, language: 'es', status: 'pending', attempts: 3, last_error: `550 5.1.1 <${CONTRIBUTOR.email}>: Recipient address rejected` })
    .execute();
  return Number(opened.id);
}

/** The sender of the quarantined message of `addDismissedQuarantine`. */
export const QUARANTINED_FROM = 'jon.doe@example.com';

/** A message held as unparseable and dismissed by staff at `dismissedAt`, with a note; returns its id. */
export async function addDismissedQuarantine(db: Kysely<Database>, dismissedAt: Date): Promise<number> {
  const row = await db
    .insertInto('mail_quarantine')
    .values({
      source: 'smtp',
      reason: `unparseable: invalid header From: Jon Doe <${QUARANTINED_FROM}>`,
      envelope_from: QUARANTINED_FROM,
      envelope_to: ['legal@trust.example'],
      raw: Buffer.from(`From: Jon Doe <${QUARANTINED_FROM}>\r\nSubject: my photo\r\n\r\nPlease remove it, call me on +1 202 555 0143.\r\n`),
      received_at: new Date(dismissedAt.getTime() - 86_400_000),
      resolved_at: dismissedAt,
      resolution: 'dismissed',
      resolution_note: 'Jon Doe wrote again from another address',
      resolved_by: 'user:1',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/**
 * Gives a decided request its public notice, in the state asked for (published, or withdrawn
 * after being published, or left a draft), as the console would.
 */
export async function addNotice(db: Kysely<Database>, requestId: number, state: 'draft' | 'published' | 'withdrawn', at: Date): Promise<string> {
  await db.transaction().execute((trx) => prepareNoticeDraft(trx, requestId, 'test', at));
  if (state !== 'draft') {
    await db.updateTable('public_notices').set({ state: 'published', published_at: at }).where('request_id', '=', requestId).execute();
  }
  if (state === 'withdrawn') await db.updateTable('public_notices').set({ state: 'withdrawn', withdrawn_at: at }).where('request_id', '=', requestId).execute();
  return (await db.selectFrom('public_notices').select('reference').where('request_id', '=', requestId).executeTakeFirstOrThrow()).reference;
}

/** The facet counts of the public notice search, in a fixed order, to compare before and after. */
export async function facetCounts(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ line: string }>`SELECT concat(filter, '|', coalesce(filter_key, '-'), '|', facet, '|', coalesce(key, '-'), '|', notices) AS line FROM public_notice_facet_counts WHERE notices > 0 ORDER BY 1`.execute(db);
  return rows.map((row) => row.line);
}
