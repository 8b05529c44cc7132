import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { RequestRow } from '../db/tables/requests.ts';

/** A request as the JSON API shows it to a client with the `read` scope: an explicit list of fields. */
export interface RequestView {
  id: number;
  reference: string;
  external_id: string | null;
  status: string;
  kind: string;
  category: string | null;
  channel: string;
  received_at: string;
  outcome: string | null;
  rationale: string | null;
  decided_at: string | null;
  requester: { name: string | null; organization: string | null; email: string | null; type: string | null; country: string | null };
  language: string | null;
  jurisdiction: string | null;
  laws_cited: string[];
  text: string | null;
  targets: { type: string; url: string | null; project: string | null; account: string | null }[];
  parties: { role: string; name: string | null; organization: string | null; email: string | null; address: string | null; country: string | null }[];
  attachments: { id: number; filename: string; content_type: string; size_bytes: number; sha256: string }[];
  accounts: { potentially_affected: number; actually_affected: number; notified: number };
  duplicate_of: string | null;
  counter_notice_to: string | null;
  created_at: string;
  updated_at: string;
}

/** Presents requests with their targets, parties and linked references, loading each kind of row once. */
export async function presentRequests(db: Kysely<Database>, rows: RequestRow[]): Promise<RequestView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const linkedIds = [...new Set(rows.flatMap((row) => [row.duplicate_of_id, row.counter_notice_to_id]).filter((id): id is number => id !== null))];
  const [targets, parties, linked, attachments] = await Promise.all([
    db.selectFrom('request_targets').selectAll().where('request_id', 'in', ids).orderBy('id').execute(),
    db.selectFrom('request_parties').selectAll().where('request_id', 'in', ids).orderBy('id').execute(),
    linkedIds.length > 0 ? db.selectFrom('requests').select(['id', 'reference']).where('id', 'in', linkedIds).execute() : Promise.resolve([]),
    db.selectFrom('request_attachments').select(['id', 'request_id', 'filename', 'content_type', 'size_bytes', 'sha256']).where('request_id', 'in', ids).orderBy('id').execute(),
  ]);
  const referenceOf = new Map(linked.map((row) => [row.id, row.reference]));
  return rows.map((row) => ({
    id: row.id,
    reference: row.reference,
    external_id: row.external_id,
    status: row.state,
    kind: row.kind,
    category: row.category,
    channel: row.channel,
    received_at: row.received_at.toISOString(),
    outcome: row.outcome,
    rationale: row.rationale,
    decided_at: row.decided_at?.toISOString() ?? null,
    requester: {
      name: row.requester_name,
      organization: row.requester_organization,
      email: row.requester_email,
      type: row.requester_type,
      country: row.requester_country,
    },
    language: row.requester_language,
    jurisdiction: row.jurisdiction,
    laws_cited: row.laws_cited,
    text: row.original_text,
    targets: targets
      .filter((target) => target.request_id === row.id)
      .map((target) => ({ type: target.target_type, url: target.url, project: target.project, account: target.account })),
    parties: parties
      .filter((party) => party.request_id === row.id)
      .map((party) => ({ role: party.role, name: party.name, organization: party.organization, email: party.email, address: party.address, country: party.country })),
    attachments: attachments
      .filter((attachment) => attachment.request_id === row.id)
      .map((attachment) => ({ id: attachment.id, filename: attachment.filename, content_type: attachment.content_type, size_bytes: attachment.size_bytes, sha256: attachment.sha256 })),
    accounts: {
      potentially_affected: row.accounts_potentially_affected,
      actually_affected: row.accounts_actually_affected,
      notified: row.accounts_notified,
    },
    duplicate_of: row.duplicate_of_id === null ? null : (referenceOf.get(row.duplicate_of_id) ?? null),
    counter_notice_to: row.counter_notice_to_id === null ? null : (referenceOf.get(row.counter_notice_to_id) ?? null),
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  }));
}
