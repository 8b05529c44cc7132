// Public notices for P4, generated inside PostgreSQL from a seed: a `requests` row per notice and
// its redacted public copy, with 1–9 target URLs each (5 on average). The sentences are written
// here (seeded) in seven languages and folded by Candor's own foldForMatching, so `folded` holds
// exactly what Candor would write; the database picks from them by a seeded hash of each row's id
// (hashint8extended), so the same seed gives the same rows whatever the order of insertion.
import type pg from 'pg';
import { seededRandom as random } from '../../src/demo/random.ts';
import { foldForMatching } from '../../src/notices/redact.ts';

const WORDS: Record<string, string[]> = {
  en: 'the article about my company contains false and defamatory statements which must be removed immediately photograph image uploaded without permission copyright owner licence infringing page biography private address published edit history request law court order trademark logo used misleading content our client reputation damage personal data please delete this information from wikipedia encyclopedia source citation author rights reserved notice under section claim'.split(' '),
  es: 'el artículo sobre mi empresa contiene información falsa y difamatoria que debe ser eliminada fotografía imagen subida sin autorización derechos de autor titular licencia página biografía dirección privada publicada historial solicitud ley tribunal orden judicial marca logotipo engañoso contenido nuestro cliente reputación daño datos personales por favor borrar esta información enciclopedia fuente cita según artículo sección reclamación está también señor compañía'.split(' '),
  fr: "l'article sur ma société contient des déclarations fausses et diffamatoires qui doivent être supprimées photographie image téléversée sans autorisation droit d'auteur titulaire licence page biographie adresse privée publiée historique demande loi tribunal ordonnance marque logo trompeur contenu notre client réputation préjudice données personnelles veuillez effacer cette information encyclopédie source citation selon l'article réclamation élève événement".split(' '),
  de: 'der artikel über mein unternehmen enthält falsche und verleumderische behauptungen die sofort entfernt werden müssen fotografie bild hochgeladen ohne genehmigung urheberrecht rechteinhaber lizenz seite biografie private adresse veröffentlicht versionsgeschichte antrag gesetz gericht beschluss marke logo irreführend inhalt unser mandant ruf schaden personenbezogene daten bitte löschen diese information enzyklopädie quelle zitat gemäß paragraf anspruch größe straße'.split(' '),
  pt: 'o artigo sobre minha empresa contém afirmações falsas e difamatórias que devem ser removidas fotografia imagem enviada sem autorização direitos autorais titular licença página biografia endereço privado publicado histórico pedido lei tribunal ordem judicial marca logotipo enganoso conteúdo nosso cliente reputação dano dados pessoais por favor apagar esta informação enciclopédia fonte citação conforme artigo seção reclamação não então'.split(' '),
  it: "l'articolo sulla mia società contiene affermazioni false e diffamatorie che devono essere rimosse fotografia immagine caricata senza autorizzazione diritto d'autore titolare licenza pagina biografia indirizzo privato pubblicato cronologia richiesta legge tribunale ordinanza marchio logo ingannevole contenuto nostro cliente reputazione danno dati personali per favore cancellare questa informazione enciclopedia fonte citazione secondo articolo sezione reclamo perché città".split(' '),
  ar: 'المقال عن شركتي يحتوي على معلومات كاذبة ومسيئة يجب حذفها فورا صورة فوتوغرافية رفعت دون إذن حقوق المؤلف المالك ترخيص صفحة سيرة عنوان خاص منشور تاريخ التعديل طلب قانون محكمة أمر علامة تجارية شعار مضلل محتوى موكلنا سمعة ضرر بيانات شخصية يرجى حذف هذه المعلومات موسوعة مصدر اقتباس وفقا المادة مطالبة إسلام قضاء'.split(' '),
};
export const LANGUAGES = Object.keys(WORDS);
/** Share of notices in each language, in LANGUAGES order (per mille). */
const LANGUAGE_WEIGHTS = [420, 170, 110, 110, 80, 50, 60];
export const SENTENCES_PER_LANGUAGE = 500;
/** A word that only one Spanish sentence carries: about 2 notices in 1,000 have it. */
export const RARE_WORD = 'Ñandubay';

const COUNTRY_WEIGHTS: [string | null, number][] = [
  ['US', 28], [null, 9], ['DE', 8], ['GB', 7], ['FR', 6], ['ES', 5], ['IN', 5], ['BR', 4], ['IT', 3], ['MX', 3], ['AR', 2], ['CA', 2], ['NL', 2], ['RU', 2],
  ['TR', 2], ['EG', 1], ['SA', 1], ['AE', 1], ['PT', 1], ['CH', 1], ['AT', 1], ['PL', 1], ['JP', 1], ['KR', 1], ['AU', 1], ['ZA', 1], ['NG', 1], ['CO', 1],
];
const PROJECT_WEIGHTS: [string, number][] = [
  ['en.wikipedia.org', 34], ['commons.wikimedia.org', 16], ['de.wikipedia.org', 8], ['es.wikipedia.org', 7], ['fr.wikipedia.org', 6], ['it.wikipedia.org', 4],
  ['pt.wikipedia.org', 4], ['ar.wikipedia.org', 3], ['ru.wikipedia.org', 3], ['ja.wikipedia.org', 2], ['www.wikidata.org', 3], ['en.wikiquote.org', 2],
  ['en.wikisource.org', 2], ['nl.wikipedia.org', 2], ['pl.wikipedia.org', 2], ['tr.wikipedia.org', 1], ['en.wiktionary.org', 1],
];
const REQUESTER_WEIGHTS: [string | null, number][] = [['individual', 30], ['company', 22], ['lawyer', 20], ['organization', 8], [null, 10], ['law_enforcement', 3], ['court', 3], ['regulator', 2], ['executive', 2]];
const OUTCOME_WEIGHTS: [string, number][] = [['denied', 45], ['granted', 25], ['partially_granted', 15], ['not_actionable', 15]];
const CA_CATEGORIES = ['defamation', 'privacy', 'erasure', 'trademark', 'unlawful', 'other'];

/** A table of 1,000 slots in which each value takes its weight's share: picking slot (hash % 1000) draws by weight. */
function slots<T>(weights: [T, number][]): T[] {
  const total = weights.reduce((sum, [, weight]) => sum + weight, 0);
  const table: T[] = [];
  for (const [value, weight] of weights) for (let n = 0; n < Math.round((weight / total) * 1000); n += 1) table.push(value);
  while (table.length < 1000) table.push(weights[0]![0]);
  return table.slice(0, 1000);
}

/** The sentence pool: SENTENCES_PER_LANGUAGE sentences of 8–20 words per language, with their folded forms. */
export function sentencePool(seed: number): { text: string[]; folded: string[] } {
  const next = random(seed);
  const text: string[] = [];
  for (const language of LANGUAGES) {
    const words = WORDS[language]!;
    for (let n = 0; n < SENTENCES_PER_LANGUAGE; n += 1) {
      const length = 8 + Math.floor(next() * 13);
      // Earlier words are likelier (a Zipf-like skew), so some words are common and others are not.
      const chosen = Array.from({ length }, () => words[Math.floor(words.length * next() ** 1.6)]!);
      if (language === 'es' && n === 7) chosen.splice(3, 0, RARE_WORD);
      const sentence = chosen.join(' ');
      text.push(`${sentence.charAt(0).toLocaleUpperCase(language)}${sentence.slice(1)}.`);
    }
  }
  return { text, folded: text.map(foldForMatching) };
}

const h = (k: number) => `abs(hashint8extended(g.i * 64 + ${k}, $1))`;

/**
 * Inserts notices with ids from..until-1 (and their requests) in one statement each. $1 is the
 * seed; the pools are passed as arrays.
 */
export async function insertNotices(client: pg.Client, seed: number, from: number, until: number): Promise<void> {
  const pool = sentencePool(seed);
  const countries = slots(COUNTRY_WEIGHTS);
  const requesters = slots(REQUESTER_WEIGHTS);
  const outcomes = slots(OUTCOME_WEIGHTS);
  const projects = slots(PROJECT_WEIGHTS);
  const languages = slots(LANGUAGES.map((language, n) => [n, LANGUAGE_WEIGHTS[n]!] as [number, number]));
  // Received between 2019-01-01 and 2026-11-30; decided 1–60 days later.
  await client.query(
    `INSERT INTO requests (id, reference, kind, category, channel, state, outcome, received_at, decided_at, requester_type, requester_country, requester_organization)
     OVERRIDING SYSTEM VALUE
     SELECT g.i, (CASE WHEN k.kind = 'copyright' THEN 'CR-' ELSE 'CA-' END) || extract(year FROM r.at AT TIME ZONE 'UTC') || '-' || lpad(g.i::text, 7, '0'),
            k.kind,
            CASE WHEN k.kind = 'copyright' THEN (CASE WHEN ${h(3)} % 100 < 3 THEN 'counter_notice' END) ELSE ($3::text[])[1 + ${h(3)} % 6] END,
            (ARRAY['email', 'web', 'web', 'api', 'post'])[1 + ${h(4)} % 5], 'closed',
            ($4::text[])[1 + ${h(5)} % 1000], r.at, r.at + (1 + ${h(6)} % 60) * interval '1 day',
            ($5::text[])[1 + ${h(7)} % 1000], ($6::text[])[1 + ${h(8)} % 1000], NULL
     FROM generate_series($2::bigint, $7::bigint - 1) AS g(i)
     CROSS JOIN LATERAL (SELECT CASE WHEN ${h(1)} % 100 < 60 THEN 'copyright' ELSE 'content_alteration' END AS kind) k
     CROSS JOIN LATERAL (SELECT timestamptz '2019-01-01 00:00Z' + (${h(2)} % (2890 * 86400)) * interval '1 second' AS at) r`,
    [seed, from, CA_CATEGORIES, outcomes, requesters, countries, until],
  );
  await client.query(
    `INSERT INTO public_notices (id, request_id, reference, state, title, body, targets, requester_type, requester_organization, kind, category, country, projects, outcome,
                                 received_at, decided_at, folded, published_at, withdrawn_at)
     OVERRIDING SYSTEM VALUE
     SELECT q.id, q.id, q.reference, s.state, t.title, b.body, u.targets, q.requester_type,
            CASE WHEN q.requester_type IN ('company', 'lawyer', 'organization') THEN 'Org ' || (${h(20)} % 5000) END,
            q.kind, q.category, q.requester_country, p.projects, q.outcome, q.received_at, q.decided_at,
            t.folded || E'\\n' || b.folded,
            CASE WHEN s.state <> 'draft' THEN q.decided_at + (${h(21)} % (10 * 86400)) * interval '1 second' END,
            CASE WHEN s.state = 'withdrawn' THEN q.decided_at + interval '30 days' END
     FROM generate_series($2::bigint, $7::bigint - 1) AS g(i)
     JOIN requests q ON q.id = g.i
     CROSS JOIN LATERAL (SELECT CASE WHEN ${h(22)} % 1000 < 25 THEN 'draft' WHEN ${h(22)} % 1000 < 40 THEN 'withdrawn' ELSE 'published' END AS state) s
     CROSS JOIN LATERAL (SELECT ($5::int[])[1 + ${h(23)} % 1000] * ${SENTENCES_PER_LANGUAGE} AS base) l
     CROSS JOIN LATERAL (SELECT ($3::text[])[1 + l.base + ${h(24)} % ${SENTENCES_PER_LANGUAGE}] AS title, ($4::text[])[1 + l.base + ${h(24)} % ${SENTENCES_PER_LANGUAGE}] AS folded) t
     CROSS JOIN LATERAL (
       SELECT string_agg(($3::text[])[1 + l.base + abs(hashint8extended(g.i * 64 + 30 + n, $1)) % ${SENTENCES_PER_LANGUAGE}], ' ' ORDER BY n) AS body,
              string_agg(($4::text[])[1 + l.base + abs(hashint8extended(g.i * 64 + 30 + n, $1)) % ${SENTENCES_PER_LANGUAGE}], ' ' ORDER BY n) AS folded
       FROM generate_series(1, 3 + (${h(25)} % 8)::int) AS n) b
     CROSS JOIN LATERAL (
       SELECT array_agg(DISTINCT ($6::text[])[1 + abs(hashint8extended(g.i * 64 + 40 + n, $1)) % 1000]) AS projects
       FROM generate_series(1, CASE WHEN ${h(26)} % 100 < 75 THEN 1 WHEN ${h(26)} % 100 < 95 THEN 2 ELSE 3 END) AS n) p
     CROSS JOIN LATERAL (
       SELECT array_agg('https://' || p.projects[1 + (n % cardinality(p.projects))] || '/wiki/' || (CASE WHEN n % 3 = 0 THEN 'File:Photo_' ELSE 'Page_' END) || (abs(hashint8extended(g.i * 64 + 50 + n, $1)) % 100000000) ORDER BY n) AS targets
       FROM generate_series(1, 1 + (${h(27)} % 9)::int) AS n) u`,
    [seed, from, pool.text, pool.folded, languages, projects, until],
  );
}
