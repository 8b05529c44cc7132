import type { PublicSurvey } from '../../awareness/presenter.ts';
import { BilingualHeading, message } from '../bilingual-heading.tsx';
import { homeText } from '../content/localize.ts';
import { Layout, type PageContext } from '../layout.tsx';
import { AwarenessChart, AwarenessDetailTable, AwarenessYearTable } from './awareness-parts.tsx';
import { Part } from './parts.tsx';

/** `/{lang}/awareness`: the survey's chart, its table by year, and every result with its sample and source. */
export function AwarenessPage({ context, surveys }: { context: PageContext; surveys: PublicSurvey[] }) {
  const { t, lang } = context;
  const home = homeText(lang);
  return (
    <Layout context={context} title={t('awareness-page-title')} description={t('awareness-page-lead')}>
      <BilingualHeading context={context} level={1} text={message('awareness-page-title')} />
      <p class="lead">{t('awareness-page-lead')}</p>
      {home.value.awareness.map((paragraph) => (
        <Part key={paragraph} context={context} lang={home.lang} tag="p">
          {paragraph}
        </Part>
      ))}
      {surveys.length > 0 ? (
        <>
          <AwarenessChart context={context} surveys={surveys} />
          <AwarenessYearTable context={context} surveys={surveys} />
          <BilingualHeading context={context} text={message('awareness-details-title')} />
          <AwarenessDetailTable context={context} surveys={surveys} />
        </>
      ) : (
        <p>{t('awareness-none')}</p>
      )}
      <p>
        <a href={`/${lang}/`}>{t('awareness-back-home')}</a>
      </p>
    </Layout>
  );
}
