/**
 * What the public site takes from the configuration and from the route table, set once when the
 * routes are built (src/http/routes/site.tsx), read by the layout on every page.
 */
export interface SiteSettings {
  /** The address readers use, for absolute links (alternates, Open Graph, sitemap); empty: relative. */
  publicUrl: string;
  /** An address elsewhere, or a path of this site without the language (the demo's), linked in the reader's language. */
  donateUrl: string | undefined;
  /** A language code, `none`, or undefined for the default pairing. */
  secondLanguage: string | undefined;
  /**
   * The paths (without language) of the public pages this server answers, so that the navigation
   * links to a section only once it exists; undefined: link to every section.
   */
  publishedPaths: ReadonlySet<string> | undefined;
}

let current: SiteSettings = { publicUrl: '', donateUrl: undefined, secondLanguage: undefined, publishedPaths: undefined };

/** Replaces the site's settings (done once, when the route table is built). */
export function configureSite(settings: SiteSettings): void {
  current = settings;
}

export function siteSettings(): SiteSettings {
  return current;
}

/** Whether the server answers this public page, e.g. `/transparency`. */
export function isPublished(path: string): boolean {
  return current.publishedPaths?.has(path) ?? true;
}

/**
 * The language shown beside the reader's in headings: the configured one, or by default Spanish
 * beside English and English beside any other language; none when it would repeat the reader's.
 */
export function secondLanguageFor(lang: string): string | undefined {
  const configured = current.secondLanguage;
  if (configured === 'none') return undefined;
  if (configured && configured !== lang) return configured;
  return lang === 'en' ? 'es' : 'en';
}

/** Sets the address of absolute links once the server knows it (when it was started on port 0). */
export function useSiteAddress(publicUrl: string): void {
  current = { ...current, publicUrl: publicUrl.replace(/\/+$/, '') };
}
