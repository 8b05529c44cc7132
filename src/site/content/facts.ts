import type { CaseFacts, TopicSlug } from './types.ts';

/** The cases, newest first; their words are in each language's file under the same id. */
export const CASES: CaseFacts[] = [
  { id: 'harbour-bank', status: 'pending', opened: '2026-10-19', updated: '2026-11-24', topic: 'intermediary-liability' },
  { id: 'registry-transparency', status: 'on_appeal', opened: '2025-03-04', updated: '2026-09-30', topic: 'access-to-knowledge' },
  { id: 'editor-identity', status: 'won', opened: '2024-06-12', updated: '2025-11-18', closed: '2025-11-18', topic: 'privacy' },
  { id: 'museum-photographs', status: 'settled', opened: '2023-09-01', updated: '2024-08-22', closed: '2024-08-22', topic: 'copyright' },
  { id: 'network-blocking', status: 'lost', opened: '2022-05-16', updated: '2024-02-07', closed: '2024-02-07', topic: 'censorship' },
];

/** The community stories, in the order the page shows them. */
export const STORY_IDS = ['river-archive', 'medicine-translations', 'local-history'] as const;

/**
 * The media library's images the pages show, by slug (see src/media/). An image that is not
 * published is left out of the page, with its credit; the demo publishes these.
 */
export const HOME_IMAGES = { speak: 'demo-reading-room', voices: 'demo-river-survey' } as const;
export const TOPIC_IMAGES: Partial<Record<TopicSlug, string>> = { 'access-to-knowledge': 'demo-open-archive', copyright: 'demo-river-survey' };
