import type { ElsewhereLink } from '../../elsewhere/list-links.ts';
import { BilingualHeading, message } from '../bilingual-heading.tsx';
import { Layout, type PageContext } from '../layout.tsx';

function formatDate(lang: string, date: Date): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/**
 * Links gathered from sister sites, each with its source. Titles are plain text (escaped on
 * rendering) in whatever language the source wrote them; the links open without telling the
 * other site where the reader came from, and nothing is loaded from it.
 */
export function ElsewhereList({ context, links }: { context: PageContext; links: ElsewhereLink[] }) {
  const { t, lang } = context;
  return (
    <ul class="elsewhere">
      {links.map((item) => (
        <li key={item.link}>
          <a href={item.link} rel="noopener noreferrer" dir="auto">
            {item.title}
          </a>
          <span class="hint">
            {' '}
            {item.publishedAt ? t('elsewhere-source-dated', item.source, formatDate(lang, item.publishedAt)) : t('elsewhere-source', item.source)}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The home page's "Elsewhere" section: the newest links, and the way to the rest. */
export function ElsewhereSection({ context, links }: { context: PageContext; links: ElsewhereLink[] }) {
  if (links.length === 0) return null;
  return (
    <section aria-labelledby="elsewhere">
      <BilingualHeading context={context} id="elsewhere" text={message('elsewhere-title')} />
      <ElsewhereList context={context} links={links} />
      <p>
        <a href={`/${context.lang}/elsewhere`}>{context.t('elsewhere-more')}</a>
      </p>
    </section>
  );
}

/** `/{lang}/elsewhere`: every link the sister sites' feeds currently offer. */
export function ElsewherePage({ context, links }: { context: PageContext; links: ElsewhereLink[] }) {
  const { t } = context;
  return (
    <Layout context={context} title={t('elsewhere-title')} description={t('elsewhere-lead')}>
      <BilingualHeading context={context} level={1} text={message('elsewhere-title')} />
      <p class="lead">{t('elsewhere-lead')}</p>
      {links.length > 0 ? <ElsewhereList context={context} links={links} /> : <p>{t('elsewhere-empty')}</p>}
    </Layout>
  );
}
