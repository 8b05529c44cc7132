import { BilingualHeading, message } from '../bilingual-heading.tsx';
import { STORY_IDS } from '../content/facts.ts';
import { localize } from '../content/localize.ts';
import { Layout, type PageContext } from '../layout.tsx';
import { Part } from './parts.tsx';

/** Community voices: contributors' own accounts of their work. */
export function StoriesPage({ context }: { context: PageContext }) {
  const { t, lang } = context;
  return (
    <Layout context={context} title={t('site-stories-title')} description={t('site-stories-lead')}>
      <BilingualHeading context={context} level={1} text={message('site-stories-title')} />
      <p class="lead">{t('site-stories-lead')}</p>
      {STORY_IDS.map((id) => {
        const story = localize(lang, (content) => content.stories[id])!;
        return (
          <Part key={id} context={context} lang={story.lang} tag="article" class="story">
            <h2 id={id}>{story.value.title}</h2>
            <p class="byline">{story.value.byline}</p>
            <blockquote class="quote">
              <p>{story.value.quote}</p>
            </blockquote>
            {story.value.body.map((paragraph) => (
              <p key={paragraph}>{paragraph}</p>
            ))}
          </Part>
        );
      })}
    </Layout>
  );
}
