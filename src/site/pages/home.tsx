import { BilingualHeading, message } from '../bilingual-heading.tsx';
import type { PublicSurvey } from '../../awareness/presenter.ts';
import { CASES, HOME_IMAGES, STORY_IDS } from '../content/facts.ts';
import { homeText, localize } from '../content/localize.ts';
import { TOPIC_SLUGS } from '../content/types.ts';
import { Layout, type PageContext } from '../layout.tsx';
import type { Counts, YearFigures } from '../live-figures.ts';
import type { NewsItem } from '../../news/visibility.ts';
import { isPublished } from '../settings.ts';
import { SiteImage } from '../site-image.tsx';
import { AwarenessChart, AwarenessYearTable } from './awareness-parts.tsx';
import { NewsList } from './news.tsx';
import { CaseBrief, Part, foreign, formatNumber } from './parts.tsx';
import type { ElsewhereLink } from '../../elsewhere/list-links.ts';
import { ElsewhereSection } from './elsewhere.tsx';

function Figure({ context, figure, label, detail, counts }: { context: PageContext; figure: string; label: string; detail: string; counts: Counts }) {
  const { t, lang } = context;
  return (
    <div class="figure" data-figure={figure}>
      <dt>{t(label)}</dt>
      <dd>
        <data class="number" value={counts.received}>
          {formatNumber(lang, counts.received)}
        </data>
        <span>{t(detail, formatNumber(lang, counts.full), formatNumber(lang, counts.partial))}</span>
      </dd>
    </div>
  );
}

/** The headline figures of one year, large and plain. */
function YearBlock({ context, year }: { context: PageContext; year: YearFigures }) {
  const { t } = context;
  return (
    <section class="year" aria-labelledby={`year-${year.period}`}>
      <h3 id={`year-${year.period}`}>{year.partial ? t('site-figures-year-so-far', year.period) : t('site-figures-year', year.period)}</h3>
      <dl class="figures">
        <Figure context={context} figure={`${year.period}-removal`} label="site-figures-removal" detail="site-figures-granted" counts={year.removal} />
        <Figure context={context} figure={`${year.period}-copyright`} label="site-figures-copyright" detail="site-figures-granted" counts={year.copyright} />
        <Figure context={context} figure={`${year.period}-user-data`} label="site-figures-user-data" detail="site-figures-produced" counts={year.userData} />
      </dl>
    </section>
  );
}

/** The home page's prose, marked as English where the reader's language lacks it. */
function Prose({ context, lang, texts }: { context: PageContext; lang: string; texts: string[] }) {
  return (
    <>
      {texts.map((text) => (
        <Part key={text} context={context} lang={lang} tag="p">
          {text}
        </Part>
      ))}
    </>
  );
}

/** The home page: the advocacy sections, with live figures from the transparency report. */
export function HomePage({ context, figures, surveys, news = [], elsewhere = [] }: { context: PageContext; figures: YearFigures[]; surveys: PublicSurvey[]; news?: NewsItem[]; elsewhere?: ElsewhereLink[] }) {
  const { t, lang } = context;
  const home = homeText(lang);
  const text = home.value;
  const story = localize(lang, (content) => content.stories[STORY_IDS[0]]);
  const recent = CASES.slice(0, 3);
  const lastFull = figures.find((year) => !year.partial)!.period;
  return (
    <Layout context={context} title={t('site-home-title')} description={text.lead}>
      <h1>{t('site-home-title')}</h1>
      <Part context={context} lang={home.lang} tag="p" class="lead">
        {text.lead}
      </Part>

      <section aria-labelledby="speak">
        <BilingualHeading context={context} id="speak" text={message('site-home-speak')} />
        <SiteImage context={context} slug={HOME_IMAGES.speak} />
        <Prose context={context} lang={home.lang} texts={text.speak} />
      </section>

      <section aria-labelledby="expression">
        <BilingualHeading context={context} id="expression" text={message('site-home-expression')} />
        <Prose context={context} lang={home.lang} texts={[text.expression]} />
        {figures.map((year) => (
          <YearBlock key={year.period} context={context} year={year} />
        ))}
        <p>
          {isPublished('/transparency') ? (
            <a href={`/${lang}/transparency`}>{t('site-figures-report-link')}</a>
          ) : (
            <a href={`/api/v1/transparency/${lastFull}`} type="application/json">
              {t('site-figures-data-link', lastFull)}
            </a>
          )}
        </p>
      </section>

      <section aria-labelledby="users">
        <BilingualHeading context={context} id="users" text={message('site-home-users')} />
        <Prose context={context} lang={home.lang} texts={[text.users]} />
        <ul class="choices">
          <li>
            <a href={`/${lang}/legal-help`}>
              <strong>{t('site-home-legal-help')}</strong>
              <span>{t('site-home-legal-help-hint')}</span>
            </a>
          </li>
          <li>
            <a href={`/${lang}/litigation`}>
              <strong>{t('site-nav-litigation')}</strong>
              <span lang={home.lang === lang ? undefined : home.lang}>{text.litigation}</span>
            </a>
          </li>
        </ul>
      </section>

      <section aria-labelledby="voices">
        <BilingualHeading context={context} id="voices" text={message('site-home-voices')} />
        <Prose context={context} lang={home.lang} texts={[text.voices]} />
        <SiteImage context={context} slug={HOME_IMAGES.voices} />
        {story ? (
          <Part context={context} lang={story.lang} tag="blockquote" class="quote">
            <p>{story.value.quote}</p>
            <footer>{story.value.byline}</footer>
          </Part>
        ) : null}
        <p>
          <a href={`/${lang}/stories`}>{t('site-home-voices-link')}</a>
        </p>
      </section>

      <section aria-labelledby="awareness">
        <BilingualHeading context={context} id="awareness" text={message('site-home-awareness')} />
        <Prose context={context} lang={home.lang} texts={text.awareness} />
        {surveys.length > 0 ? (
          <>
            <AwarenessChart context={context} surveys={surveys} />
            <AwarenessYearTable context={context} surveys={surveys} />
            <p>
              <a href={`/${lang}/awareness`}>{t('awareness-home-link')}</a>
            </p>
          </>
        ) : (
          <p>{t('awareness-none')}</p>
        )}
      </section>

      <section aria-labelledby="battles">
        <BilingualHeading context={context} id="battles" text={message('site-home-battles')} />
        <Prose context={context} lang={home.lang} texts={[text.battles]} />
        <ul class="cases-brief">
          {recent.map((facts) => (
            <CaseBrief key={facts.id} context={context} facts={facts} />
          ))}
        </ul>
        <p>
          <a href={`/${lang}/litigation`}>{t('site-home-battles-link')}</a>
        </p>
      </section>

      {news.length > 0 ? (
        <section aria-labelledby="news">
          <BilingualHeading context={context} id="news" text={message('news-title')} />
          <NewsList context={context} items={news} headingLevel={3} />
          <p>
            <a href={`/${lang}/news`}>{t('news-home-link')}</a>
          </p>
        </section>
      ) : null}

      <ElsewhereSection context={context} links={elsewhere} />

      <section aria-labelledby="more">
        <BilingualHeading context={context} id="more" text={message('site-home-more')} />
        <Prose context={context} lang={home.lang} texts={[text.more]} />
        <ul class="choices">
          {TOPIC_SLUGS.map((slug) => {
            const topic = localize(lang, (content) => content.topics[slug])!;
            return (
              <li key={slug}>
                <a href={`/${lang}/topics/${slug}`}>
                  <strong {...foreign(context, topic.lang)}>{topic.value.title}</strong>
                  <span {...foreign(context, topic.lang)}>{topic.value.summary}</span>
                </a>
              </li>
            );
          })}
        </ul>
      </section>
    </Layout>
  );
}
