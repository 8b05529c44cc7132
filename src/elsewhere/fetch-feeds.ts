/**
 * The round that gathers "Elsewhere" links from sister sites' feeds.
 *
 * Parsing is @rowanmanning/feed-parser: small (two dependencies), maintained, tested against
 * real-world RSS 2.0 and Atom feeds, and it hands back one normalised shape for both. It reads
 * XML with fast-xml-parser, which never fetches external entities (no XXE); and since no feed
 * needs a document type, a body that declares one is refused before parsing, which closes the
 * door on entity-expansion bombs whatever the parser's own limits. The parser forgives broken
 * XML; a feed that is not well-formed is refused first (fast-xml-parser's validator), so that a
 * broken feed shows as an error in its status rather than as a feed with no items. Bodies are counted as they
 * stream and cut off at a size limit, each fetch has a time limit, and what is kept of an item
 * is its title as plain text, an http(s) link and a date: no markup, no image, nothing that
 * would make a reader's browser ask another host for anything.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { ElsewhereFeedRow } from '../db/tables/elsewhere.ts';

export interface FetchOptions {
  /** Per feed, from the request to the last byte. */
  timeoutMs?: number;
  /** The largest body read, counted as it arrives. */
  maxBytes?: number;
  /** Items kept per feed, the newest. */
  keep?: number;
  /** A feed fetched more recently than this is left for a later round (another process did it). */
  minAgeMs?: number;
}

export interface FeedOutcome {
  feedId: number;
  name: string;
  status: 'ok' | 'not_modified' | 'error';
  items: number;
  error?: string;
}

const DEFAULTS: Required<FetchOptions> = { timeoutMs: 10_000, maxBytes: 2 * 1024 * 1024, keep: 20, minAgeMs: 5 * 60_000 };
const TITLE_MAX = 300;

class FeedError extends Error {}

/** A web address for a link, or nothing: only http and https, at most 2000 characters. */
export function safeLink(value: string | null | undefined, base?: string): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value.trim(), base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    const text = url.toString();
    return text.length <= 2000 ? text : undefined;
  } catch {
    return undefined;
  }
}

/** A title as plain text on one line: tags dropped, spaces folded, control characters removed, cut to length. */
export function plainTitle(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const text = value
    .replace(/<[^>]*>/g, ' ')
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!text) return undefined;
  return text.length > TITLE_MAX ? `${text.slice(0, TITLE_MAX - 1)}…` : text;
}

/** Reads a response body as text, refusing it once it passes `maxBytes`. */
async function readLimited(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw new FeedError(`the feed is larger than ${maxBytes} bytes`);
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new FeedError(`the feed is larger than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks));
}

/** Parses a feed body into the items worth keeping; a body that is no feed is an error. */
export async function itemsOf(body: string, feedUrl: string): Promise<{ title: string; link: string; published: Date | null }[]> {
  if (/<!DOCTYPE/i.test(body) || /<!ENTITY/i.test(body)) throw new FeedError('the feed declares a document type, which feeds never need; refused');
  // The parsers are loaded by the first round that has a feed to read, not by every server.
  const [{ XMLValidator }, { parseFeed }] = await Promise.all([import('fast-xml-parser'), import('@rowanmanning/feed-parser')]);
  const wellFormed = XMLValidator.validate(body);
  if (wellFormed !== true) throw new FeedError(`not well-formed XML (line ${wellFormed.err.line}: ${wellFormed.err.msg.slice(0, 160)})`);
  let feed;
  try {
    feed = parseFeed(body);
  } catch (error) {
    throw new FeedError(`not an RSS or Atom feed (${String((error as Error).message ?? error).slice(0, 200)})`);
  }
  const items = [];
  const seen = new Set<string>();
  for (const item of feed.items) {
    const title = plainTitle(item.title);
    const link = safeLink(item.url, feedUrl);
    if (!title || !link || seen.has(link)) continue;
    seen.add(link);
    const date = item.published ?? item.updated;
    items.push({ title, link, published: date && !Number.isNaN(date.getTime()) ? date : null });
  }
  return items;
}

/** Fetches one feed, conditionally, within the time and size limits. */
async function fetchOne(feed: ElsewhereFeedRow, fetchImpl: typeof fetch, options: Required<FetchOptions>) {
  if (!safeLink(feed.url)) throw new FeedError('only http and https feeds are fetched');
  const headers: Record<string, string> = { accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8', 'user-agent': 'Candor (elsewhere links)' };
  if (feed.etag) headers['if-none-match'] = feed.etag;
  if (feed.last_modified) headers['if-modified-since'] = feed.last_modified;
  const signal = AbortSignal.timeout(options.timeoutMs);
  let response: Response;
  try {
    response = await fetchImpl(feed.url, { headers, signal, redirect: 'follow' });
  } catch (error) {
    throw new FeedError(signal.aborted ? `no answer within ${options.timeoutMs} ms` : `could not be fetched (${String((error as Error).message ?? error).slice(0, 200)})`);
  }
  if (response.status === 304) {
    await response.body?.cancel().catch(() => undefined);
    return { status: 'not_modified' as const };
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new FeedError(`HTTP ${response.status}`);
  }
  if (!safeLink(response.url || feed.url)) throw new FeedError('redirected to an address that is not http or https');
  let body: string;
  try {
    body = await readLimited(response, options.maxBytes);
  } catch (error) {
    if (error instanceof FeedError) throw error;
    throw new FeedError(signal.aborted ? `no answer within ${options.timeoutMs} ms` : `the body could not be read (${String((error as Error).message ?? error).slice(0, 200)})`);
  }
  return { status: 'ok' as const, items: await itemsOf(body, response.url || feed.url), etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified') };
}

/** Stores a feed's items (new links added, known ones updated) and keeps only its newest `keep`. */
async function storeItems(db: Kysely<Database>, feedId: number, items: { title: string; link: string; published: Date | null }[], keep: number, now: Date) {
  await db.transaction().execute(async (trx) => {
    for (const item of items.slice(0, 500)) {
      await trx
        .insertInto('elsewhere_items')
        .values({ feed_id: feedId, link: item.link, title: item.title, published_at: item.published, fetched_at: now })
        .onConflict((conflict) => conflict.columns(['feed_id', 'link']).doUpdateSet({ title: item.title, published_at: item.published }))
        .execute();
    }
    await sql`DELETE FROM elsewhere_items WHERE feed_id = ${feedId} AND id NOT IN (
      SELECT id FROM elsewhere_items WHERE feed_id = ${feedId} ORDER BY published_at DESC NULLS LAST, id DESC LIMIT ${keep})`.execute(trx);
  });
}

/**
 * One round: claims the feeds due (not claimed by another process, not fetched within
 * `minAgeMs`), fetches each, stores its items and records how it went. A feed that fails —
 * broken, slow, huge or hostile — records its error and keeps its earlier items; the others
 * go on. Safe to run in several processes at once: a feed is claimed by one conditional UPDATE.
 */
export async function fetchFeeds(db: Kysely<Database>, now = new Date(), fetchImpl: typeof fetch = fetch, options: FetchOptions = {}): Promise<FeedOutcome[]> {
  const settings = { ...DEFAULTS, ...options };
  const claimUntil = new Date(now.getTime() + settings.timeoutMs * 3 + 60_000);
  const due = await db
    .updateTable('elsewhere_feeds')
    .set({ claimed_until: claimUntil })
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .where((eb) => eb.or([eb('last_fetched_at', 'is', null), eb('last_fetched_at', '<=', new Date(now.getTime() - settings.minAgeMs))]))
    .returningAll()
    .execute();
  const outcomes: FeedOutcome[] = [];
  for (const feed of due.sort((a, b) => a.id - b.id)) {
    try {
      const result = await fetchOne(feed, fetchImpl, settings);
      if (result.status === 'ok') await storeItems(db, feed.id, result.items, settings.keep, now);
      await db
        .updateTable('elsewhere_feeds')
        .set({
          last_fetched_at: now,
          last_status: result.status,
          last_error: null,
          claimed_until: null,
          ...(result.status === 'ok' ? { etag: result.etag?.slice(0, 500) ?? null, last_modified: result.lastModified?.slice(0, 100) ?? null } : {}),
        })
        .where('id', '=', feed.id)
        .execute();
      outcomes.push({ feedId: feed.id, name: feed.name, status: result.status, items: result.status === 'ok' ? result.items.length : 0 });
    } catch (error) {
      const message = error instanceof FeedError ? error.message : `unexpected failure (${String((error as Error)?.message ?? error).slice(0, 200)})`;
      await db.updateTable('elsewhere_feeds').set({ last_fetched_at: now, last_status: 'error', last_error: message.slice(0, 500), claimed_until: null }).where('id', '=', feed.id).execute();
      outcomes.push({ feedId: feed.id, name: feed.name, status: 'error', items: 0, error: message });
    }
  }
  return outcomes;
}

/** Makes the stored feeds those configured: new ones added, names updated, the others removed with their items. */
export async function syncFeeds(db: Kysely<Database>, feeds: { name: string; url: string }[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const feed of feeds) {
      await trx.insertInto('elsewhere_feeds').values(feed).onConflict((conflict) => conflict.column('url').doUpdateSet({ name: feed.name })).execute();
    }
    let removal = trx.deleteFrom('elsewhere_feeds');
    if (feeds.length > 0) removal = removal.where('url', 'not in', feeds.map((feed) => feed.url));
    await removal.execute();
  });
}

/**
 * The round `serve` runs on the job queue every ELSEWHERE_INTERVAL_MINUTES: fetches the feeds due,
 * and tells the log which could not be read (the page keeps their earlier links).
 */
export async function elsewhereRound(db: Kysely<Database>, now: Date, intervalMs: number, log?: { warn(obj: unknown, msg: string): void }): Promise<void> {
  const outcomes = await fetchFeeds(db, now, fetch, { minAgeMs: Math.min(DEFAULTS.minAgeMs, intervalMs / 2) });
  for (const outcome of outcomes.filter((o) => o.status === 'error')) log?.warn({ feed: outcome.name, error: outcome.error }, 'an elsewhere feed could not be read');
}
