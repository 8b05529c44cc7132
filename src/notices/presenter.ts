import type { PublicNoticeRow } from '../db/tables/public-notices.ts';

/**
 * A notice as the public sees it, in the API and on the site: an explicit list of fields, each
 * already through the redaction pipeline or a fact about the request (never its original text,
 * its requester's name or address, or staff's marks).
 */
export interface NoticeView {
  reference: string;
  title: string;
  kind: string;
  category: string | null;
  outcome: string;
  requester: { type: string | null; country: string | null; organization: string | null };
  country: string | null;
  projects: string[];
  targets: string[];
  received_on: string;
  decided_on: string | null;
  published_at: string;
  body: string;
}

const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);

/** Presents one published notice. */
export function presentNotice(row: PublicNoticeRow): NoticeView {
  return {
    reference: row.reference,
    title: row.title,
    kind: row.kind,
    category: row.category,
    outcome: row.outcome,
    requester: { type: row.requester_type, country: row.country, organization: row.requester_type && row.requester_type !== 'individual' ? row.requester_organization : null },
    country: row.country,
    projects: [...row.projects],
    targets: [...row.targets],
    received_on: day(row.received_at)!,
    decided_on: day(row.decided_at),
    published_at: row.published_at!.toISOString(),
    body: row.body,
  };
}

/** A search hit: the notice without its full text, with a snippet whose matched words are marked `⟪…⟫`. */
export type NoticeHitView = Omit<NoticeView, 'body'> & { snippet: string };

export function presentHit(row: PublicNoticeRow & { snippet: string }): NoticeHitView {
  const { body: _body, ...view } = presentNotice(row);
  return { ...view, snippet: row.snippet };
}
