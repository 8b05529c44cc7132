import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** A rendered page kept in memory, with its compressed form and validator. */
export interface CachedPage {
  html: Buffer;
  /** Compressed at its first use, then kept: a page sent only uncompressed never pays for it. */
  readonly gzip: Buffer;
  /** The same with Brotli, also made at its first use. */
  readonly br: Buffer;
  etag: string;
  /** When it must be rendered again (ms since the epoch); Infinity for pages of fixed content. */
  expires: number;
  /**
   * Whether it may still be shown past `expires` while the next is rendered: yes when it expires
   * only to refresh its figures, no when its rendering said its content changes then (a news
   * post scheduled for that time).
   */
  readonly refreshOnly: boolean;
}

/** A rendering that says how long it may be kept. */
export interface RenderedPage {
  html: string;
  ttlMs: number;
}

/** How long past its time to live a page may still be shown while its next rendering is under way. */
export const STALE_WHILE_RENDERING_MS = 30_000;

/**
 * Rendered public pages, one per language and path. Pages of fixed content live until the
 * process ends (their content ships with the code); pages with live figures are rendered again
 * after their time to live, the page before being shown meanwhile. Concurrent first requests
 * share one rendering. A cache of pages
 * whose keys come from the reader (a search) is given a bound: past it, the page kept longest
 * is dropped first.
 */
export class PageCache {
  private readonly pages = new Map<string, CachedPage>();
  private readonly rendering = new Map<string, Promise<CachedPage>>();
  /** Bumped by every invalidation, so that a rendering begun before one is given to its readers but not kept. */
  private generation = 0;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxPages = Infinity,
  ) {}

  /**
   * The cached page under `key`, rendered by `render` when absent or expired; `ttlMs` of Infinity
   * keeps it. `render` may give its own time to live with the page (`{ html, ttlMs }`), for a page
   * that knows when its content changes next (a scheduled news post).
   */
  async get(key: string, ttlMs: number, render: () => Promise<string | RenderedPage> | string | RenderedPage): Promise<{ page: CachedPage; hit: boolean }> {
    const cached = this.pages.get(key);
    if (cached && cached.expires > this.now()) return { page: cached, hit: true };
    const pending = this.rendering.get(key) ?? this.render(key, ttlMs, render);
    // An expired page is shown while the one that replaces it is rendered (current() says so).
    if (cached && this.current(key) === cached) return { page: cached, hit: true };
    return { page: await pending, hit: false };
  }

  /** Renders the page under `key` once for every reader waiting for it, and keeps it. */
  private render(key: string, ttlMs: number, render: () => Promise<string | RenderedPage> | string | RenderedPage): Promise<CachedPage> {
    const generation = this.generation;
    const started = this.now();
    const pending: Promise<CachedPage> = (async () => {
      const rendered = await render();
      const { html: text, ttlMs: own } = typeof rendered === 'string' ? { html: rendered, ttlMs } : rendered;
      const html = Buffer.from(text);
      let gzip: Buffer | undefined;
      let br: Buffer | undefined;
      const page: CachedPage = {
        html,
        get gzip() {
          return (gzip ??= gzipSync(html, { level: 9 }));
        },
        // Quality 9: within a few per cent of the smallest (11) at a fiftieth of its time
        // (about 15 ms for a report page of 300 KB, against 0.7 s), paid once per rendering.
        get br() {
          return (br ??= brotliCompressSync(html, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: html.length } }));
        },
        etag: `"${createHash('sha256').update(html).digest('base64url').slice(0, 22)}"`,
        expires: started + own,
        refreshOnly: own >= ttlMs,
      };
      if (generation === this.generation) this.keep(key, page);
      return page;
    })().finally(() => {
      if (this.rendering.get(key) === pending) this.rendering.delete(key);
    });
    // Readers shown the expired page meanwhile do not wait for this one; whoever does hears of its failure.
    pending.catch(() => undefined);
    this.rendering.set(key, pending);
    return pending;
  }

  /**
   * The page kept under `key` if it is still to be shown: not dropped by a change, and either
   * not expired or, expiring only to refresh its figures, expired less than
   * STALE_WHILE_RENDERING_MS ago with its successor being rendered. Readers arriving while a page with live figures is rendered again are shown the
   * one before: they do not all wait for the rendering, which on the embedded database holds
   * the process for its queries (the report page's p99 was 120–240 ms under load for it).
   */
  current(key: string): CachedPage | undefined {
    const cached = this.pages.get(key);
    if (!cached) return undefined;
    const now = this.now();
    if (cached.expires > now) return cached;
    return cached.refreshOnly && this.rendering.has(key) && now - cached.expires < STALE_WHILE_RENDERING_MS ? cached : undefined;
  }

  private keep(key: string, page: CachedPage): void {
    // Kept anew, a page goes to the end of the order in which pages are dropped.
    this.pages.delete(key);
    this.pages.set(key, page);
    for (const oldest of this.pages.keys()) {
      if (this.pages.size <= this.maxPages) break;
      this.pages.delete(oldest);
    }
  }

  /**
   * Forgets the pages whose key `matches`, and any rendering of them in progress, so that the next
   * request renders them from the data as it now stands.
   */
  invalidate(matches: (key: string) => boolean): void {
    this.generation += 1;
    for (const key of [...this.pages.keys()]) if (matches(key)) this.pages.delete(key);
    for (const key of [...this.rendering.keys()]) if (matches(key)) this.rendering.delete(key);
  }

  /** Forgets every page, so that each is rendered again on its next request. A rendering under way still finishes for its readers. */
  clear(): void {
    this.invalidate(() => true);
  }
}

const changeListeners = new Set<() => void>();

/** Calls `listener` whenever content the pages show changes in this process; returns how to stop. */
export function onSiteContentChange(listener: () => void): () => void {
  changeListeners.add(listener);
  return () => changeListeners.delete(listener);
}

/**
 * Says that content the public pages show (an image, a survey result) has changed, so that
 * every page cache of this process renders its pages again. Other processes sharing the
 * database see the change when their pages' time to live runs out.
 */
export function siteContentChanged(): void {
  for (const listener of changeListeners) listener();
}
