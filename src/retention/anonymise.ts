import type { Transaction } from 'kysely';
import { appendEvent } from '../audit/append-events.ts';
import type { Database } from '../db/database.ts';
import type { AssistanceCaseRow } from '../db/tables/assistance-cases.ts';
import type { RequestRow } from '../db/tables/requests.ts';
import { loadRequestForNotice } from '../notices/prepare-draft.ts';
import { foldedForSearch, redact, type RedactionTerms } from '../notices/redact.ts';

/** What stands where a person's data was. */
export const ANONYMISED = '[anonymised]';

/**
 * The mail about an anonymised record loses its address, its text and the delivery error (a
 * mail server's refusal quotes the recipient: `550 5.1.1 <lucia@…>`). A message still waiting to
 * be sent (years after the matter ended, its mail server never configured or never reached) is
 * not sent any more: it is marked failed, saying why.
 */
async function anonymiseMail(trx: Transaction<Database>, column: 'request_id' | 'assistance_case_id', id: number): Promise<number> {
  const mail = count(await trx.updateTable('outbox').set({ to_address: ANONYMISED, subject: ANONYMISED, body_text: ANONYMISED, headers: {}, last_error: null }).where(column, '=', id).executeTakeFirst());
  await trx
    .updateTable('outbox')
    .set({ status: 'failed', last_error: 'not sent: the personal data of its matter was anonymised' })
    .where(column, '=', id)
    .where('status', 'in', ['pending', 'held'])
    .execute();
  return mail;
}

/**
 * Empties quarantined messages: their raw mail, envelope and the note of the person who
 * dismissed them go; the fact that they came, when, and why they were held stay (the reason's
 * code as it is, its detail, which may quote a header, with the addresses and anything shaped
 * like personal data hidden). Returns how many.
 */
async function emptyQuarantined(trx: Transaction<Database>, rows: { id: number; reason: string; envelope_from: string | null; envelope_to: string[] }[], now: Date, terms: RedactionTerms = { names: [], literals: [], notActionedUrls: [] }): Promise<number> {
  for (const row of rows) {
    const literals = [...terms.literals, ...[row.envelope_from, ...row.envelope_to].filter((value): value is string => !!value)];
    const reason = scrubber({ ...terms, literals })(row.reason)!;
    await trx.updateTable('mail_quarantine').set({ raw: Buffer.alloc(0), envelope_from: null, envelope_to: [], resolution_note: null, reason, anonymised_at: now }).where('id', '=', row.id).execute();
  }
  return rows.length;
}

const count = (result: { numUpdatedRows: bigint } | undefined) => Number(result?.numUpdatedRows ?? 0n);

/** Hides a staff-written text's personal data with the notice pipeline: the record's names and strings, and anything shaped like personal data. */
function scrubber(terms: RedactionTerms) {
  const known = { ...terms, notActionedUrls: [] };
  return (text: string | null): string | null => (text === null ? null : redact(text, known).text);
}

/**
 * Replaces a finished request's personal data, in the caller's transaction: the requester's and
 * parties' names, e-mail and postal addresses, the accounts named, every message (bodies,
 * subjects, addresses, the raw mail), attachments' contents and names, the mail sent about it, and
 * its public notice's text unless the notice is published; staff's own texts (rationale, notes,
 * evaluation notes) keep their reasoning with the personal data in them hidden as in a public
 * notice (the names the record holds, and what is shaped like personal data: a third person
 * named only in a note is not known to be one). The request itself — reference, kind, category,
 * channel, country, requester type, public bodies' names, dates, state, outcome, counts, targeted
 * pages — stays, so every figure of the transparency report stays. The audit trail holds no
 * personal data of requesters (events name the fields changed, not their values), so its chain
 * is untouched; one `request.anonymised` event records what was done.
 */
export async function anonymiseRequest(trx: Transaction<Database>, request: RequestRow, context: { now: Date; actor: string; months: number }): Promise<void> {
  const { terms } = await loadRequestForNotice(trx, request);
  const scrub = scrubber(terms);
  const privateRequester = request.requester_type === null || request.requester_type === 'individual' || request.requester_type === 'lawyer';
  await trx
    .updateTable('requests')
    .set({
      requester_name: null,
      requester_email: null,
      requester_organization: privateRequester ? null : request.requester_organization,
      original_text: null,
      rationale: scrub(request.rationale),
      anonymised_at: context.now,
    })
    .where('id', '=', request.id)
    .execute();
  const id = request.id;
  const parties = count(await trx.updateTable('request_parties').set({ name: null, email: null, address: null }).where('request_id', '=', id).executeTakeFirst());
  const targets = await trx.selectFrom('request_targets').select(['id', 'url', 'account']).where('request_id', '=', id).execute();
  for (const target of targets) {
    await trx
      .updateTable('request_targets')
      .set({ url: scrub(target.url), account: target.account === null ? null : ANONYMISED })
      .where('id', '=', target.id)
      .execute();
  }
  const messages = count(
    await trx.updateTable('request_messages').set({ subject: null, from_address: null, to_addresses: [], body_text: null, raw: null }).where('request_id', '=', id).executeTakeFirst(),
  );
  const attachments = await trx.selectFrom('request_attachments').select('id').where('request_id', '=', id).execute();
  for (const attachment of attachments) {
    await trx
      .updateTable('request_attachments')
      .set({ content: Buffer.alloc(0), filename: `attachment-${attachment.id}`, sha256: ANONYMISED })
      .where('id', '=', attachment.id)
      .execute();
  }
  const notes = await trx.selectFrom('request_notes').select(['id', 'body']).where('request_id', '=', id).execute();
  for (const note of notes) await trx.updateTable('request_notes').set({ body: scrub(note.body)! }).where('id', '=', note.id).execute();
  const evaluation = await trx.selectFrom('request_evaluations').selectAll().where('request_id', '=', id).executeTakeFirst();
  if (evaluation) {
    await trx
      .updateTable('request_evaluations')
      .set({ valid_notes: scrub(evaluation.valid_notes), must_act_notes: scrub(evaluation.must_act_notes), harms_notes: scrub(evaluation.harms_notes), authority_notes: scrub(evaluation.authority_notes) })
      .where('request_id', '=', id)
      .execute();
  }
  const notifications = await trx.selectFrom('request_notifications').select(['id', 'barred_reason']).where('request_id', '=', id).execute();
  for (const row of notifications) await trx.updateTable('request_notifications').set({ account: ANONYMISED, barred_reason: scrub(row.barred_reason) }).where('id', '=', row.id).execute();
  const mail = await anonymiseMail(trx, 'request_id', id);
  const held = await trx.selectFrom('mail_quarantine').select(['id', 'reason', 'envelope_from', 'envelope_to']).where('request_id', '=', id).where('anonymised_at', 'is', null).execute();
  const quarantined = await emptyQuarantined(trx, held, context.now, terms);
  // A notice that is not public (a draft, or one withdrawn, often because its redaction missed
  // something) keeps its row and state, so that a withdrawn permalink still says so, but none of
  // the text taken from the letter. A published one is public already, as counsel approved it.
  const notices = count(
    await trx
      .updateTable('public_notices')
      .set({ title: ANONYMISED, body: ANONYMISED, targets: [], not_actioned_urls: [], folded: foldedForSearch(ANONYMISED, ANONYMISED), updated_at: context.now })
      .where('request_id', '=', id)
      .where('state', '!=', 'published')
      .executeTakeFirst(),
  );
  await appendEvent(trx, {
    actor: context.actor,
    action: 'request.anonymised',
    subjectType: 'request',
    subjectId: id,
    occurredAt: context.now,
    payload: {
      reference: request.reference,
      kind: request.kind,
      finished_at: (request.decided_at ?? request.updated_at).toISOString(),
      retention_months: context.months,
      rows: { parties, targets: targets.length, messages, attachments: attachments.length, notes: notes.length, evaluations: evaluation ? 1 : 0, notifications: notifications.length, mail, quarantined, notices },
    },
  });
}

/**
 * Replaces a finished legal-help case's personal data: the contributor's name, e-mail, phone and
 * messenger, their account of the threat, the pages that would lead to them, and the mail sent to
 * them; staff's notes on eligibility and outcome keep their reasoning, the personal data hidden.
 * Kept: reference, dates, state, kind of threat, country, authority, project, role, court case and
 * deadline, counsel, funding and linked requests.
 */
export async function anonymiseCase(trx: Transaction<Database>, record: AssistanceCaseRow, context: { now: Date; actor: string; months: number }): Promise<void> {
  const scrub = scrubber({
    names: [record.contact_name],
    literals: [record.contact_email, record.contact_phone, record.contact_messenger].filter((value): value is string => !!value),
    notActionedUrls: [],
  });
  await trx
    .updateTable('assistance_cases')
    .set({
      contact_name: ANONYMISED,
      contact_email: ANONYMISED,
      contact_phone: null,
      contact_messenger: null,
      threat_description: ANONYMISED,
      related_urls: [],
      eligibility_reasons: scrub(record.eligibility_reasons),
      outcome: scrub(record.outcome),
      anonymised_at: context.now,
    })
    .where('id', '=', record.id)
    .execute();
  const mail = await anonymiseMail(trx, 'assistance_case_id', record.id);
  await appendEvent(trx, {
    actor: context.actor,
    action: 'assistance_case.anonymised',
    subjectType: 'assistance_case',
    subjectId: record.id,
    occurredAt: context.now,
    payload: { reference: record.reference, finished_at: record.updated_at.toISOString(), retention_months: context.months, rows: { related_urls: record.related_urls.length, mail } },
  });
}

/** Empties a dismissed quarantined message: its raw mail, envelope and note go, the fact that it came and why it was held stay. */
export async function anonymiseQuarantined(trx: Transaction<Database>, id: number, context: { now: Date; actor: string; months: number }): Promise<void> {
  await emptyQuarantined(trx, await trx.selectFrom('mail_quarantine').select(['id', 'reason', 'envelope_from', 'envelope_to']).where('id', '=', id).execute(), context.now);
  await appendEvent(trx, { actor: context.actor, action: 'mail.quarantine_anonymised', subjectType: 'mail_quarantine', subjectId: id, occurredAt: context.now, payload: { retention_months: context.months } });
}
