import type { PublishedImage } from '../media/published.ts';
import type { FieldIssue } from '../errors.ts';
import type { PageContext } from '../site/layout.tsx';
import { takeImage } from '../site/site-image.tsx';
import { imageSources, librarySlug, type PostImageLookup } from './markdown.ts';

/**
 * The images a post may show on a page: the page's published library images, each entered in the
 * page's credits as the post shows it (as SiteImage does for the site's own pages), so the
 * credits list every image of the post. A page without an image shelf shows none.
 */
export function pageImages(context: PageContext): PostImageLookup {
  return (src) => {
    const slug = librarySlug(src);
    const taken = slug === undefined ? undefined : takeImage(context, slug);
    if (!taken) return undefined;
    const { image, alt } = taken;
    return { url: image.url, width: image.width, height: image.height, alt: alt.lang === context.lang ? { text: alt.text } : alt };
  };
}

/**
 * The problems of a post's images: one for each address that does not name a published library
 * image (from another host, a path of this site that is not in the library, a draft or withdrawn
 * image). An image without its author, licence and source cannot be published, so a post cannot
 * show one either.
 */
export function imageIssues(body: string, published: ReadonlyMap<string, PublishedImage>): FieldIssue[] {
  const refused = [...new Set(imageSources(body).filter((src) => !published.has(librarySlug(src) ?? '')))];
  return refused.map((src) => ({ field: 'body', message: `shows "${src.slice(0, 200)}", which is not a published image of the media library`, code: 'news-error-image-unpublished', params: [src.slice(0, 200)] }));
}
