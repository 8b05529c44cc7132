import type { Config } from '../config.ts';
import { DEMO_DONATE_SLUG } from './news-posts.ts';

/** The path, without the language, of the demo's donate page (a news post of the fictional organisation). */
export const DEMO_DONATE_PATH = `/news/${DEMO_DONATE_SLUG}`;

/**
 * The configuration `serve --demo` runs with: its donate link leads to the demo's own page about
 * funding, in the reader's language, unless DONATE_URL names another. Nothing leaves the site.
 */
export function withDemoDonateLink(config: Config): Config {
  return config.donateUrl ? config : { ...config, donateUrl: DEMO_DONATE_PATH };
}
