import type { Kysely } from 'kysely';
import { emailKey } from '../connect/model.ts';
import type { Database } from '../db/database.ts';

const DAY = 86_400_000;

/** The demo's newsletter readers: addresses under example.org, which no one receives mail at. */
const SUBSCRIBERS: { email: string; name: string | null; language: string; signedUpDaysAgo: number; confirmed: boolean }[] = [
  { email: 'amara.okafor@example.org', name: 'Amara', language: 'en', signedUpDaysAgo: 210, confirmed: true },
  { email: 'librarian.valparaiso@example.org', name: 'Biblioteca Municipal', language: 'es', signedUpDaysAgo: 150, confirmed: true },
  { email: 'nour.h@example.org', name: 'نور', language: 'ar', signedUpDaysAgo: 95, confirmed: true },
  { email: 'photo.walks@example.org', name: null, language: 'en', signedUpDaysAgo: 40, confirmed: true },
  { email: 'tomas.editor@example.org', name: 'Tomás', language: 'es', signedUpDaysAgo: 12, confirmed: true },
  { email: 'new.reader@example.org', name: null, language: 'ar', signedUpDaysAgo: 2, confirmed: false },
];

/**
 * A handful of newsletter subscribers in English, Spanish and Arabic, one still unconfirmed, so
 * that the console's Connect page has something to show. No mail is queued for them.
 */
export async function seedDemoSubscribers(db: Kysely<Database>, now = new Date()): Promise<void> {
  await db
    .insertInto('subscribers')
    .values(
      SUBSCRIBERS.map((subscriber) => {
        const signedUp = new Date(now.getTime() - subscriber.signedUpDaysAgo * DAY);
        return {
          email: subscriber.email,
          email_key: emailKey(subscriber.email),
          name: subscriber.name,
          language: subscriber.language,
          created_at: signedUp,
          requested_at: signedUp,
          confirmed_at: subscriber.confirmed ? new Date(signedUp.getTime() + 3_600_000) : null,
        };
      }),
    )
    .onConflict((conflict) => conflict.column('email_key').doNothing())
    .execute();
}
