import { BilingualHeading, message } from '../bilingual-heading.tsx';
import { CASES } from '../content/facts.ts';
import { localize } from '../content/localize.ts';
import { Layout, type PageContext } from '../layout.tsx';
import { CASE_STATUS_KEYS, DateText, Part } from './parts.tsx';

/** Litigation and legal efforts: every case with its court, our role, status, dates and summary. */
export function LitigationPage({ context }: { context: PageContext }) {
  const { t, lang } = context;
  return (
    <Layout context={context} title={t('site-litigation-title')} description={t('site-litigation-lead')}>
      <BilingualHeading context={context} level={1} text={message('site-litigation-title')} />
      <p class="lead">{t('site-litigation-lead')}</p>
      {CASES.map((facts) => {
        const words = localize(lang, (content) => content.cases[facts.id])!;
        const topic = localize(lang, (content) => content.topics[facts.topic])!;
        return (
          // A case not yet translated: its own words in English, the labels and dates in the reader's language.
          <article key={facts.id} class="case">
            <Part context={context} lang={words.lang} tag="h2" id={facts.id}>
              {words.value.title}
            </Part>
            <dl class="facts">
              <dt>{t('site-case-court')}</dt>
              <Part context={context} lang={words.lang} tag="dd">
                {words.value.court}
              </Part>
              <dt>{t('site-case-role')}</dt>
              <Part context={context} lang={words.lang} tag="dd">
                {words.value.role}
              </Part>
              <dt>{t('site-case-status')}</dt>
              <dd>
                <span class={`status status-${facts.status}`}>{t(CASE_STATUS_KEYS[facts.status])}</span>
              </dd>
              <dt>{t('site-case-opened')}</dt>
              <dd>
                <DateText context={context} date={facts.opened} />
              </dd>
              <dt>{facts.closed ? t('site-case-closed') : t('site-case-updated')}</dt>
              <dd>
                <DateText context={context} date={facts.closed ?? facts.updated} />
              </dd>
            </dl>
            <Part context={context} lang={words.lang} tag="p">
              {words.value.summary}
            </Part>
            <p>
              <a href={`/${lang}/topics/${facts.topic}`} lang={topic.lang === lang ? undefined : topic.lang}>
                {t('site-case-topic', topic.value.title)}
              </a>
            </p>
          </article>
        );
      })}
    </Layout>
  );
}
