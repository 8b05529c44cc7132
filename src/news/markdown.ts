import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/**
 * Markdown for news posts, rendered with raw HTML turned off (an editor's `<script>` or `<b
 * style>` shows as text) and then sanitised as a second line of defence: a small set of tags,
 * no style or event attributes, links only to http, https and mailto. Images only from this
 * site (a path such as `/assets/…`): the public site never makes a reader's browser ask another
 * host for anything, so an image from elsewhere is replaced by its description. Links to other
 * sites get `rel="noopener noreferrer"`. Headings start at level 2: the post's title is the h1.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

/** A path on this site: one leading slash, never `//` or `/\`, which browsers read as another host. */
export function isSameSitePath(src: string): boolean {
  return /^\/(?![/\\])[^\s\\]*$/.test(src);
}

const defaultImage = markdown.renderer.rules.image!;
markdown.renderer.rules.image = (tokens, index, options, env, self) => {
  const token = tokens[index]!;
  const src = String(token.attrGet('src') ?? '');
  if (isSameSitePath(src)) return defaultImage(tokens, index, options, env, self);
  const alt = self.renderInlineAsText(token.children ?? [], options, env);
  return alt ? `<span class="image-elsewhere">${markdown.utils.escapeHtml(alt)}</span>` : '';
};

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
    allowedAttributes: { a: ['href', 'title', 'rel'], img: ['src', 'alt', 'title'], ol: ['start'], code: ['class'], span: ['class'], th: ['scope'] },
    allowedClasses: { code: [/^language-[\w-]+$/], span: ['image-elsewhere'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: [] },
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    exclusiveFilter: (frame) => frame.tag === 'img' && !isSameSitePath(frame.attribs.src ?? ''),
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

/** A post's Markdown as safe HTML for the site, the feed and the console's preview. */
export function renderPostMarkdown(source: string, siteOrigin: string): string {
  return sanitizePostHtml(lowerHeadings(markdown.render(source)), siteOrigin);
}

/** The text of a post's Markdown without markup, for a summary where the editor wrote none. */
export function plainText(source: string, length = 240): string {
  const text = sanitizeHtml(markdown.render(source), { allowedTags: [], allowedAttributes: {} }).replace(/\s+/g, ' ').trim();
  return text.length > length ? `${text.slice(0, length - 1).trimEnd()}…` : text;
}
