import { BilingualHeading, message } from '../bilingual-heading.tsx';
import { CASES, STORY_IDS } from '../content/facts.ts';
import { homeText, localize } from '../content/localize.ts';
import { TOPIC_SLUGS } from '../content/types.ts';
import { Layout, type PageContext } from '../layout.tsx';
import type { Counts, YearFigures } from '../live-figures.ts';
import { isPublished } from '../settings.ts';
import { CASE_STATUS_KEYS, Part, formatNumber } from './parts.tsx';

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

function Paragraphs({ texts }: { texts: string[] }) {
  return (
    <>
      {texts.map((text) => (
        <p key={text}>{text}</p>
      ))}
    </>
  );
}

/** The home page: the advocacy sections, with live figures from the transparency report. */
export function HomePage({ context, figures }: { context: PageContext; figures: YearFigures[] }) {
  const { t, lang } = context;
  const home = homeText(lang);
  const text = home.value;
  const story = localize(lang, (content) => content.stories[STORY_IDS[0]]);
  const recent = CASES.slice(0, 3);
  const lastFull = figures.find((year) => !year.partial)!.period;
  return (
    <Layout context={context} title={t('site-home-title')} description={text.lead}>
      <Part context={context} lang={home.lang}>
        <h1>{t('site-home-title')}</h1>
        <p class="lead">{text.lead}</p>

        <section aria-labelledby="speak">
          <BilingualHeading context={context} id="speak" text={message('site-home-speak')} />
          <Paragraphs texts={text.speak} />
        </section>

        <section aria-labelledby="expression">
          <BilingualHeading context={context} id="expression" text={message('site-home-expression')} />
          <p>{text.expression}</p>
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
          <p>{text.users}</p>
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
                <span>{text.litigation}</span>
              </a>
            </li>
          </ul>
        </section>

        <section aria-labelledby="voices">
          <BilingualHeading context={context} id="voices" text={message('site-home-voices')} />
          <p>{text.voices}</p>
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
          <Paragraphs texts={text.awareness} />
        </section>

        <section aria-labelledby="battles">
          <BilingualHeading context={context} id="battles" text={message('site-home-battles')} />
          <p>{text.battles}</p>
          <ul class="cases-brief">
            {recent.map((facts) => {
              const words = localize(lang, (content) => content.cases[facts.id])!;
              return (
                <li key={facts.id}>
<Part context={context} lang={words.lang}>
                  <a href={`/${lang}/litigation#${facts.id}`}>{words.value.title}</a>
                  <span>
                    {words.value.court} · {t(CASE_STATUS_KEYS[facts.status])}
                  </span>
                </Part>
                </li>
              );
            })}
          </ul>
          <p>
            <a href={`/${lang}/litigation`}>{t('site-home-battles-link')}</a>
          </p>
        </section>

        <section aria-labelledby="more">
          <BilingualHeading context={context} id="more" text={message('site-home-more')} />
          <p>{text.more}</p>
          <ul class="choices">
            {TOPIC_SLUGS.map((slug) => {
              const topic = localize(lang, (content) => content.topics[slug])!;
              return (
                <li key={slug}>
<Part context={context} lang={topic.lang}>
                  <a href={`/${lang}/topics/${slug}`}>
                    <strong>{topic.value.title}</strong>
                    <span>{topic.value.summary}</span>
                  </a>
                </Part>
                </li>
              );
            })}
          </ul>
        </section>
      </Part>
    </Layout>
  );
}
