import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { appendEvents } from '../audit/append-events.ts';
import type { Database } from '../db/database.ts';
import { readImageInfo } from '../media/image-size.ts';
import { demoImages } from './demo-images.ts';

/** The demo organisation, as its images credit it. */
export const DEMO_AUTHOR = 'Free Knowledge Trust';
const DEMO_SITE = 'https://free-knowledge-trust.example';

/**
 * The demo's media library: its own drawings, published under CC BY 4.0 with the organisation
 * as author, so the home page and the topic pages show images with their credits.
 */
export async function seedDemoImages(db: Kysely<Database>, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const events = [];
    for (const image of demoImages()) {
      const info = readImageInfo(image.content)!;
      const row = await trx
        .insertInto('media_images')
        .values({
          slug: image.slug,
          state: 'published',
          content_type: info.contentType,
          width: info.width,
          height: info.height,
          size_bytes: image.content.length,
          sha256: crypto.createHash('sha256').update(image.content).digest('hex'),
          content: image.content,
          filename: image.filename,
          alt_text: JSON.stringify(image.alt),
          author: DEMO_AUTHOR,
          licence: 'CC-BY-4.0',
          source_url: `${DEMO_SITE}/media/${image.slug}`,
          created_at: now,
          updated_at: now,
          published_at: now,
        })
        .onConflict((conflict) => conflict.column('slug').doNothing())
        .returning(['id', 'slug'])
        .executeTakeFirst();
      if (row) {
        events.push(
          { actor: 'system:demo', action: 'media.uploaded', subjectType: 'media_image', subjectId: row.id, payload: { slug: row.slug, content_type: info.contentType, width: info.width, height: info.height }, occurredAt: now },
          { actor: 'system:demo', action: 'media.published', subjectType: 'media_image', subjectId: row.id, payload: { slug: row.slug, licence: 'CC-BY-4.0', republished: false }, occurredAt: now },
        );
      }
    }
    await appendEvents(trx, events);
  });
}

/** Shares (in tenths of a percent) over four surveys, oldest first: the demo organisation's made-up readers' survey. */
const DEMO_SHARES: Record<string, number[]> = {
  DE: [712, 728, 741, 755],
  BR: [433, 462, 478, 509],
  IN: [281, 312, 347, 366],
  NG: [198, 224, 259, 281],
  EG: [236, 251, 262, 290],
  MX: [452, 469, 481, 494],
  ID: [214, 247, 268, 302],
  ES: [664, 671, 689, 702],
};

/** The demo's awareness survey: the four years before this one, eight countries. */
export async function seedDemoSurveys(db: Kysely<Database>, now: Date): Promise<void> {
  const first = now.getUTCFullYear() - 4;
  const rows = Object.entries(DEMO_SHARES).flatMap(([country, shares]) =>
    shares.map((share, index) => ({
      country,
      year: first + index,
      share_tenths: share,
      sample_size: 1000 + ((share * 7 + index * 131) % 900),
      source: `${DEMO_AUTHOR} readers' survey ${first + index}`,
      created_at: now,
      updated_at: now,
    })),
  );
  await db.transaction().execute(async (trx) => {
    const added = await trx.insertInto('awareness_surveys').values(rows).onConflict((conflict) => conflict.columns(['country', 'year']).doNothing()).returning(['id', 'country', 'year', 'share_tenths']).execute();
    await appendEvents(trx, added.map((row) => ({ actor: 'system:demo', action: 'awareness.added', subjectType: 'awareness_survey', subjectId: row.id, payload: { country: row.country, year: row.year, share_tenths: row.share_tenths }, occurredAt: now })));
  });
}
