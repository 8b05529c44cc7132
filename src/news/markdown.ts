import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { parseImageFileName } from '../media/published.ts';

/**
 * Markdown for news posts, rendered with raw HTML turned off (an editor's `<script>` or `<b
 * style>` shows as text) and then sanitised as a second line of defence: a small set of tags,
 * no style or event attributes, links only to http, https and mailto. Links to other sites get
 * `rel="noopener noreferrer"`. Headings start at level 2: the post's title is the h1.
 *
 * Images follow the site's rule for every image: only a published image of the media library
 * (one with its author, licence and source), named by its public address
 * `/media/{slug}.{fingerprint}.{ext}`, lazy-loaded with its size, and entered in the page's
 * credits by the lookup the page passes. Any other image (from another host, a path of this
 * site that is not a library image, a draft or withdrawn one) is replaced by its description:
 * the site never shows an image it cannot credit, and never makes a reader's browser ask
 * another host for anything. Saving a post that names such an image is refused
 * (edit-posts.ts); the rendering rule covers an image withdrawn after the post was saved.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

/** The slug of the library image an image address names (`/media/{slug}.{fingerprint}.{ext}`), or undefined. */
export function librarySlug(src: string): string | undefined {
  const match = /^\/media\/([^/?#]+)$/.exec(src);
  return match ? parseImageFileName(match[1]!)?.slug : undefined;
}

/** A library image as a post shows it: its current address and size, and its description should the editor give none. */
export interface PostImage {
  url: string;
  width: number;
  height: number;
  alt: { text: string; lang?: string };
}

/** The published library image an address in a post names, entered in the page's credits; undefined when there is none. */
export type PostImageLookup = (src: string) => PostImage | undefined;

const escape = (text: string | number) => markdown.utils.escapeHtml(String(text));

markdown.renderer.rules.image = (tokens, index, options, env, self) => {
  const token = tokens[index]!;
  const src = String(token.attrGet('src') ?? '');
  const written = self.renderInlineAsText(token.children ?? [], options, env).trim();
  const image = (env as { images?: PostImageLookup } | undefined)?.images?.(src);
  if (!image) return written ? `<span class="image-elsewhere">${escape(written)}</span>` : '';
  // The editor's description is in the post's language; the library's says which language it is in when it is another.
  const alt = written ? { text: written } : image.alt;
  const title = token.attrGet('title');
  return `<img src="${escape(image.url)}" width="${image.width}" height="${image.height}" alt="${escape(alt.text)}"${alt.lang ? ` lang="${escape(alt.lang)}"` : ''}${title ? ` title="${escape(title)}"` : ''} loading="lazy" decoding="async" />`;
};

/** Every image address a post's Markdown names, in order. */
export function imageSources(source: string): string[] {
  const found: string[] = [];
  const walk = (tokens: ReturnType<typeof markdown.parse>) => {
    for (const token of tokens) {
      if (token.type === 'image') found.push(String(token.attrGet('src') ?? ''));
      if (token.children) walk(token.children);
    }
  };
  walk(markdown.parse(source, {}));
  return found;
}

function isExternal(href: string, siteOrigin: string): boolean {
  if (!/^(https?:)?\/\//i.test(href)) return false;
  try {
    return !siteOrigin || new URL(href, siteOrigin || 'http://invalid.').origin !== new URL(siteOrigin).origin;
  } catch {
    return true;
  }
}

const HEADING_DOWN: Record<string, string> = { h1: 'h2', h2: 'h3', h3: 'h4', h4: 'h5', h5: 'h6', h6: 'h6' };

/** Sanitises HTML to the subset a news post may contain; `siteOrigin` tells own links from others'. */
export function sanitizePostHtml(html: string, siteOrigin: string): string {
  return sanitizeHtml(html, {
    allowedTags: ['p', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code', 'em', 'strong', 's', 'del', 'a', 'hr', 'br', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span'],
    allowedAttributes: { a: ['href', 'title', 'rel'], img: ['src', 'alt', 'title', 'lang', 'width', 'height', 'loading', 'decoding'], ol: ['start'], code: ['class'], span: ['class'], th: ['scope'] },
    allowedClasses: { code: [/^language-[\w-]+$/], span: ['image-elsewhere'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: [] },
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    exclusiveFilter: (frame) => frame.tag === 'img' && librarySlug(frame.attribs.src ?? '') === undefined,
    transformTags: {
      a: (tagName, attribs) => {
        const href = attribs.href ?? '';
        const { rel: _rel, ...rest } = attribs;
        return { tagName, attribs: isExternal(href, siteOrigin) ? { ...rest, rel: 'noopener noreferrer' } : rest };
      },
    },
  });
}

/** Lowers every heading one level (a post's `# Heading` becomes an h2 under the page's h1). */
function lowerHeadings(html: string): string {
  return html.replace(/<(\/?)h([1-6])>/g, (_, slash: string, level: string) => `<${slash}${HEADING_DOWN[`h${level}`]}>`);
}

/**
 * A post's Markdown as safe HTML for the site, the feed and the console's preview. `images`
 * finds the library images it may show (and enters them in the page's credits); without it,
 * every image is replaced by its description.
 */
export function renderPostMarkdown(source: string, siteOrigin: string, images?: PostImageLookup): string {
  return sanitizePostHtml(lowerHeadings(markdown.render(source, { images })), siteOrigin);
}

/** The text of a post's Markdown without markup, for a summary where the editor wrote none. */
export function plainText(source: string, length = 240): string {
  const text = sanitizeHtml(markdown.render(source), { allowedTags: [], allowedAttributes: {} }).replace(/\s+/g, ' ').trim();
  return text.length > length ? `${text.slice(0, length - 1).trimEnd()}…` : text;
}
