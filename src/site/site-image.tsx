import type { ComponentChildren } from 'preact';
import type { PublishedImage } from '../media/published.ts';
import { direction, type PageContext } from './layout.tsx';
import { BilingualHeading, message } from './bilingual-heading.tsx';

/**
 * The published images a page may show, and those it did show, in order. One shelf per render:
 * `SiteImage` takes from it and `ImageCredits` (in the layout, rendered after the page's
 * main content) lists what was taken, so the credits are generated from the images'
 * metadata and can never miss one the page shows.
 */
export interface ImageShelf {
  available: ReadonlyMap<string, PublishedImage>;
  shown: PublishedImage[];
}

export function imageShelf(available: ReadonlyMap<string, PublishedImage>): ImageShelf {
  return { available, shown: [] };
}

function altOf(context: PageContext, image: PublishedImage): { text: string; lang: string } {
  const own = image.alt[context.lang];
  return own ? { text: own, lang: context.lang } : { text: image.alt.en ?? '', lang: 'en' };
}

/**
 * A published image for this page, by slug, with its description in the reader's language (or
 * in English, saying so), entered in the page's credits; undefined when it is not published.
 * For content rendered outside preact (a news post's Markdown naming an image by its public
 * address, src/news/post-images.ts), which then writes the <img> itself with the image's url,
 * width, height and alt.
 */
export function takeImage(context: PageContext, slug: string): { image: PublishedImage; alt: { text: string; lang: string } } | undefined {
  const image = context.images?.available.get(slug);
  if (!image) return undefined;
  if (!context.images!.shown.includes(image)) context.images!.shown.push(image);
  return { image, alt: altOf(context, image) };
}

/**
 * A published image of the media library, by slug: lazy-loaded, with its size (so the page does
 * not jump as it loads) and its description in the reader's language. An image that is not
 * published (a draft, withdrawn, or unknown) is left out, so a page never shows one it cannot
 * credit. News and other content name images the same way.
 */
export function SiteImage({ context, slug, caption, class: className }: { context: PageContext; slug: string; caption?: ComponentChildren; class?: string }) {
  const taken = takeImage(context, slug);
  if (!taken) return null;
  const { image, alt } = taken;
  const img = <img src={image.url} width={image.width} height={image.height} alt={alt.text} lang={alt.lang === context.lang ? undefined : alt.lang} loading="lazy" decoding="async" />;
  return (
    <figure class={className ? `media-figure ${className}` : 'media-figure'} data-image={image.slug}>
      {img}
      {caption ? <figcaption>{caption}</figcaption> : null}
    </figure>
  );
}

/** The author, the licence (linked) and the source (linked), joined as the reader's language joins a list. */
function CreditLine({ context, image }: { context: PageContext; image: PublishedImage }) {
  const { t, lang } = context;
  const pieces: ComponentChildren[] = [
    <span key="author" dir="auto">
      {t('media-credit-author', image.author)}
    </span>,
    <a key="licence" href={image.licence.url} rel="license noreferrer" dir="ltr">
      {image.licence.name}
    </a>,
    <a key="source" href={image.sourceUrl} rel="noreferrer">
      {t('media-credit-source')}
    </a>,
  ];
  const parts = new Intl.ListFormat(lang, { style: 'short', type: 'unit' }).formatToParts(['0', '1', '2']);
  return <>{parts.map((part, index) => (part.type === 'element' ? pieces[Number(part.value)] : <span key={`s${index}`}>{part.value}</span>))}</>;
}

/** "Image credits": every image the page showed, with its author, licence and source, generated from the library. */
export function ImageCredits({ context }: { context: PageContext }) {
  const shown = context.images?.shown ?? [];
  if (shown.length === 0) return null;
  const { t } = context;
  return (
    <section class="wrap credits" aria-labelledby="image-credits">
      <BilingualHeading context={context} id="image-credits" text={message('media-credits-title')} />
      <ul>
        {shown.map((image) => {
          const alt = altOf(context, image);
          return (
            <li key={image.slug} data-credit={image.slug}>
              <span lang={alt.lang === context.lang ? undefined : alt.lang} dir={alt.lang === context.lang ? undefined : direction(alt.lang)}>
                {alt.text.replace(/[.。۔]+$/u, '')}
              </span>
              {': '}
              <CreditLine context={context} image={image} />
            </li>
          );
        })}
      </ul>
    </section>
  );
}
