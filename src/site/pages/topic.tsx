import { BilingualHeading, message } from '../bilingual-heading.tsx';
import { CASES, TOPIC_IMAGES } from '../content/facts.ts';
import { localize } from '../content/localize.ts';
import { TOPIC_SLUGS, type TopicSlug } from '../content/types.ts';
import { Layout, type PageContext } from '../layout.tsx';
import { SiteImage } from '../site-image.tsx';
import { CaseBrief, Part, foreign } from './parts.tsx';

/** One topic: what is at stake, what the organisation does, its cases, and the other topics. */
export function TopicPage({ context, slug }: { context: PageContext; slug: TopicSlug }) {
  const { t, lang } = context;
  const topic = localize(lang, (content) => content.topics[slug])!;
  const cases = CASES.filter((facts) => facts.topic === slug);
  const titleIn = (code: string) => localize(code, (content) => content.topics[slug])!.value.title;
  return (
    <Layout context={context} title={topic.value.title} description={topic.value.summary}>
      <Part context={context} lang={topic.lang} tag="article">
        <BilingualHeading context={context} level={1} text={titleIn} />
        <p class="lead">{topic.value.summary}</p>
        {TOPIC_IMAGES[slug] ? <SiteImage context={context} slug={TOPIC_IMAGES[slug]} /> : null}
        {topic.value.body.map((paragraph) => (
          <p key={paragraph}>{paragraph}</p>
        ))}
        <BilingualHeading context={context} within={topic.lang} text={message('site-topic-actions')} />
        <ul>
          {topic.value.actions.map((action) => (
            <li key={action}>{action}</li>
          ))}
        </ul>
      </Part>
      {cases.length > 0 ? (
        <section aria-labelledby="cases">
          <BilingualHeading context={context} id="cases" text={message('site-topic-cases')} />
          <ul class="cases-brief">
            {cases.map((facts) => (
              <CaseBrief key={facts.id} context={context} facts={facts} />
            ))}
          </ul>
        </section>
      ) : null}
      <nav aria-labelledby="other-topics">
        <BilingualHeading context={context} id="other-topics" text={message('site-topic-others')} />
        <ul>
          {TOPIC_SLUGS.filter((other) => other !== slug).map((other) => {
            const words = localize(lang, (content) => content.topics[other])!;
            return (
              <li key={other}>
                <a href={`/${lang}/topics/${other}`} {...foreign(context, words.lang)}>
                  {words.value.title}
                </a>
              </li>
            );
          })}
        </ul>
      </nav>
    </Layout>
  );
}
