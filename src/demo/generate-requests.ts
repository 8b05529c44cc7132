import type { NewRequest } from '../requests/create-requests.ts';
import type { Kind, Outcome, RequesterType } from '../requests/model.ts';
import { seededRandom, weighted } from './random.ts';

// Shapes taken from what free-knowledge organisations publish: most demands are content
// alterations and copyright notices, few are granted, user-data demands mostly come from
// governments and are rarely answered with data.
const KIND_WEIGHTS = [
  ['content_alteration', 44],
  ['copyright', 26],
  ['user_data', 20],
  ['preservation', 3],
  ['emergency', 7],
] as const satisfies readonly (readonly [Kind, number])[];

const COUNTRIES = [
  ['US', 22], ['DE', 9], ['IN', 8], ['GB', 6], ['FR', 6], ['RU', 5], ['TR', 4], ['BR', 4], ['ES', 3],
  ['MX', 3], ['IT', 3], ['JP', 2], ['ID', 2], ['EG', 2], ['PK', 2], ['AR', 2], ['NG', 1], ['UA', 1], ['XK', 1], [null, 6],
] as const satisfies readonly (readonly [string | null, number])[];

const PROJECTS = [
  ['en.wikipedia.org', 40], ['de.wikipedia.org', 10], ['commons.wikimedia.org', 14], ['es.wikipedia.org', 7],
  ['fr.wikipedia.org', 6], ['ar.wikipedia.org', 4], ['www.wikidata.org', 4], ['ru.wikipedia.org', 4],
  ['en.wikiquote.org', 2], ['tr.wikipedia.org', 3], ['hi.wikipedia.org', 3],
] as const satisfies readonly (readonly [string, number])[];

const CATEGORY_WEIGHTS: Record<Kind, readonly (readonly [string | null, number])[]> = {
  content_alteration: [['defamation', 38], ['privacy', 20], ['erasure', 12], ['trademark', 6], ['unlawful', 14], ['other', 10]],
  copyright: [[null, 88], ['counter_notice', 12]],
  user_data: [
    ['informal_private', 30], ['informal_government', 25], ['civil_subpoena', 14], ['criminal_subpoena', 10],
    ['administrative_subpoena', 4], ['search_warrant', 5], ['court_order', 10], ['national_security', 2],
  ],
  preservation: [[null, 1]],
  emergency: [['violence', 45], ['terrorism', 10], ['self_harm', 45]],
};

const OUTCOME_WEIGHTS: Record<Kind, readonly (readonly [Outcome | null, number])[]> = {
  content_alteration: [['denied', 70], ['not_actionable', 18], ['withdrawn', 4], ['partially_granted', 2], ['granted', 1], [null, 5]],
  copyright: [['granted', 18], ['partially_granted', 4], ['denied', 60], ['not_actionable', 12], [null, 6]],
  user_data: [['denied', 50], ['not_actionable', 36], ['partially_granted', 5], ['granted', 3], ['withdrawn', 2], [null, 4]],
  preservation: [['granted', 50], ['denied', 30], ['not_actionable', 15], [null, 5]],
  emergency: [['granted', 70], ['partially_granted', 10], ['denied', 15], [null, 5]],
};

const REQUESTER_WEIGHTS: Record<Kind, readonly (readonly [RequesterType | null, number])[]> = {
  content_alteration: [['individual', 45], ['company', 15], ['lawyer', 18], ['organization', 6], ['executive', 6], ['law_enforcement', 4], ['court', 4], ['regulator', 2]],
  copyright: [['company', 40], ['individual', 30], ['lawyer', 25], ['organization', 5]],
  user_data: [['law_enforcement', 35], ['individual', 20], ['lawyer', 15], ['court', 12], ['executive', 8], ['company', 6], ['regulator', 4]],
  preservation: [['law_enforcement', 70], ['court', 20], ['lawyer', 10]],
  emergency: [['law_enforcement', 50], ['individual', 30], [null, 20]],
};

const SUBJECTS = [
  'a biography that the subject says is outdated',
  'a photograph of a public demonstration',
  'an article section about a court case',
  'a list of company executives',
  'a map uploaded by a volunteer',
  'a quotation attributed to a politician',
];

/**
 * Generates `count` plausible requests spread evenly over [from, until), deterministically from
 * `seed`. Used by the demo and by the benchmarks' data sets.
 */
export function generateRequests(count: number, options: { seed: number; from: Date; until: Date; withText?: boolean }): NewRequest[] {
  const random = seededRandom(options.seed);
  const span = options.until.getTime() - options.from.getTime();
  const requests: NewRequest[] = [];
  for (let i = 0; i < count; i++) {
    const kind = weighted(random, KIND_WEIGHTS);
    const category = weighted(random, CATEGORY_WEIGHTS[kind]);
    const outcome = weighted(random, OUTCOME_WEIGHTS[kind]);
    const requesterType = weighted(random, REQUESTER_WEIGHTS[kind]);
    const country = weighted(random, COUNTRIES);
    const project = weighted(random, PROJECTS);
    const receivedAt = new Date(options.from.getTime() + Math.floor(random() * span));
    const pages = 1 + Math.floor(random() ** 3 * 6);
    const potentially = kind === 'user_data' ? 1 + Math.floor(random() ** 2 * 12) : 0;
    const actually = outcome === 'granted' || outcome === 'partially_granted' ? Math.min(potentially, 1 + Math.floor(random() * 2)) : 0;
    const subject = SUBJECTS[Math.floor(random() * SUBJECTS.length)]!;
    requests.push({
      kind,
      category,
      channel: weighted(random, [['web', 45], ['email', 40], ['api', 5], ['post', 10]] as const),
      receivedAt,
      outcome,
      decidedAt: outcome ? new Date(receivedAt.getTime() + Math.floor(random() * 30) * 86_400_000) : null,
      rationale: outcome ? `Decision on ${subject}.` : null,
      requester: { type: requesterType, country },
      accounts: { potentiallyAffected: potentially, actuallyAffected: actually, notified: actually },
      originalText: options.withText === false ? null : `The sender asks about ${subject} on ${project}.`,
      targets: Array.from({ length: pages }, (_, page) => ({
        type: 'page' as const,
        url: `https://${project}/wiki/Demo_page_${i}_${page}`,
        project,
      })),
    });
  }
  return requests;
}
