import type { Kysely } from 'kysely';
import { receiveContactMessage } from '../contact/receive-message.ts';
import type { ContactMessage } from '../contact/contact-form.ts';
import type { Database } from '../db/database.ts';

const HOUR = 3_600_000;

/** Messages that reached the demo desk through "Contact a human", in three languages, a few hours old. */
const MESSAGES: (ContactMessage & { hoursAgo: number })[] = [
  {
    hoursAgo: 20,
    name: 'Tomasz Brell',
    email: 't.brell@harbour-gazette.example',
    topic: 'press',
    language: 'en',
    message: 'I write for the Harbour Gazette and am preparing a piece on how often public bodies ask online encyclopedias to remove material. Could someone on your team talk me through last year\'s figures?',
  },
  {
    hoursAgo: 9,
    name: 'Inés Calvo',
    email: 'ines.calvo@observatorio-digital.example',
    topic: 'policy',
    language: 'es',
    message: 'Desde el Observatorio preparamos comentarios a un proyecto de ley sobre responsabilidad de intermediarios. Nos gustaría conocer su postura sobre los plazos de retirada que propone el texto.',
  },
  {
    hoursAgo: 3,
    name: 'سلمى النجار',
    email: 'salma@example.org',
    topic: 'other',
    language: 'ar',
    message: 'أنا معلّمة وأستخدم المقالات مع طلابي. هل يمكنكم أن تشرحوا لي كيف تتعاملون مع طلبات حذف المحتوى، حتى أشرح ذلك لطلابي؟',
  },
];

/** Adds the demo's contact messages to the desk's queue, each with its acknowledgement. */
export async function seedDemoContactMessages(db: Kysely<Database>, now: Date): Promise<void> {
  for (const { hoursAgo, ...message } of MESSAGES) await receiveContactMessage(db, message, 'system:demo', new Date(now.getTime() - hoursAgo * HOUR));
}
