/**
 * The shape of the public site's editorial content. Each language has its own file under
 * `content/{lang}/`; a language may lack any item, and the reader then gets the English one,
 * marked as English (see localize.ts).
 */

/** The topics the organisation works on; each has a page at `/{lang}/topics/{slug}`. */
export const TOPIC_SLUGS = ['access-to-knowledge', 'censorship', 'copyright', 'intermediary-liability', 'privacy'] as const;
export type TopicSlug = (typeof TOPIC_SLUGS)[number];

export interface Topic {
  title: string;
  /** One sentence, shown on the home page and in the page's description. */
  summary: string;
  /** The page's paragraphs, in order. */
  body: string[];
  /** What the organisation is doing about it, one item a line. */
  actions: string[];
}

export type CaseStatus = 'pending' | 'on_appeal' | 'won' | 'lost' | 'settled';

/** A court case or another legal effort the organisation takes part in. */
export interface LegalCase {
  title: string;
  court: string;
  /** Our part in it, in a few words ("defendant", "intervener"…). */
  role: string;
  summary: string;
}

/** The facts of a case that do not change with the language. */
export interface CaseFacts {
  id: string;
  status: CaseStatus;
  /** When it began, `YYYY-MM-DD`. */
  opened: string;
  /** The latest ruling or step, `YYYY-MM-DD`. */
  updated: string;
  /** A decided case's closing date, `YYYY-MM-DD`. */
  closed?: string;
  topic: TopicSlug;
}

/** A contributor's own account of their work and what it cost or gave them. */
export interface Story {
  title: string;
  /** The person as they wish to be named, with where they work from. */
  byline: string;
  quote: string;
  body: string[];
}

/** The prose of the home page's sections; headings live in the message catalogs. */
export interface HomeText {
  lead: string;
  speak: string[];
  expression: string;
  users: string;
  litigation: string;
  voices: string;
  awareness: string[];
  battles: string;
  more: string;
}

/** Everything one language has; every part may be missing but the home page's prose. */
export interface SiteContent {
  home?: HomeText;
  topics: Partial<Record<TopicSlug, Topic>>;
  cases: Record<string, LegalCase>;
  stories: Record<string, Story>;
}
