import type { Kysely } from 'kysely';
import { seedDemo } from '../../src/demo/seed-demo.ts';
import type { Database } from '../../src/db/database.ts';

/** The languages of the public site, as tests walk them. */
export const SITE_LANGUAGES = ['en', 'es', 'ar'] as const;

/**
 * Fills a database as a reader of the demo sees it: the demo's requests, notices, report
 * periods, images, survey, news and subscribers, plus links as the Elsewhere round leaves them
 * (the feed's address is a closed port on this machine, so a fetch of it only fails).
 */
export async function seedDemoSite(db: Kysely<Database>): Promise<void> {
  await seedDemo(db);
  const feed = await db.insertInto('elsewhere_feeds').values({ name: 'Sister Wiki News', url: 'http://127.0.0.1:9/feed.xml' }).returning('id').executeTakeFirstOrThrow();
  await db
    .insertInto('elsewhere_items')
    .values(['A court upholds the right to edit anonymously', 'Volunteers photograph every lighthouse of the coast', 'Un archivo abierto para las lenguas del valle'].map((title, i) => ({ feed_id: feed.id, link: `https://news.sister.example/${i + 1}`, title, published_at: new Date(Date.now() - i * 86_400_000), fetched_at: new Date() })))
    .execute();
}

/**
 * Every template of a public page that a reader reaches by following links, by the path it
 * answers (without the language). A page whose path none of these names is a new template: the
 * crawls report it, so it cannot go unchecked.
 */
export const LINKED_TEMPLATES: Record<string, RegExp> = {
  home: /^\/$/,
  'news-list': /^\/news$/,
  'news-post': /^\/news\/[a-z0-9-]+$/,
  'transparency-index': /^\/transparency$/,
  'transparency-period': /^\/transparency\/\d{4}(-[Hh][12])?$/,
  'notice-search': /^\/notices$/,
  notice: /^\/notices\/[A-Z]{2,}-\d{4}-\d+$/,
  'legal-help': /^\/legal-help$/,
  'request-choose': /^\/requests\/new$/,
  'request-form': /^\/requests\/new\/[a-z-]+$/,
  connect: /^\/connect$/,
  contact: /^\/contact$/,
  litigation: /^\/litigation$/,
  stories: /^\/stories$/,
  awareness: /^\/awareness$/,
  elsewhere: /^\/elsewhere$/,
  topic: /^\/topics\/[a-z-]+$/,
};

/**
 * What a same-site URL is, for a crawl: `{ lang, template }` for a page of the site in a
 * language (`template` undefined when no template names its path), or `{ file }` for anything
 * else (a feed, a download, an asset), named by its last path segment.
 */
export function classify(url: URL): { lang: string; template: string | undefined } | { file: string } {
  const match = /^\/(en|es|ar)(\/.*)$/.exec(url.pathname);
  if (match && !/\.[a-z]+$/.test(match[2]!)) {
    const path = match[2]!.length > 1 ? match[2]!.replace(/\/$/, '') : '/';
    return { lang: match[1]!, template: Object.entries(LINKED_TEMPLATES).find(([, pattern]) => pattern.test(path))?.[0] };
  }
  return { file: url.pathname.split('/').filter(Boolean).pop() ?? '/' };
}

/**
 * A bound on a crawl of the demo, which links to every notice and every download in three
 * languages: how many URLs of one template (or of one file name) in one language it visits.
 */
export const VISITS_PER_TEMPLATE = 3;

/** The key a crawl counts visits by: a template or a file name, in a language (files: in any). */
export function visitKey(url: URL): string {
  const kind = classify(url);
  return 'file' in kind ? `file ${kind.file}` : `${kind.lang} ${kind.template ?? `unknown ${url.pathname}`}`;
}
