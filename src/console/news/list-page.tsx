import { LANGUAGES } from '../../i18n/translate.ts';
import type { PostSummary, TranslationSummary } from '../../news/console-queries.ts';
import { Time } from '../format.tsx';
import { ConsoleLayout, type ConsoleContext } from '../layout.tsx';

function languageName(lang: string, code: string): string {
  return new Intl.DisplayNames([lang], { type: 'language' }).of(code) ?? code;
}

/** A translation's status as a badge, with its time when it has one. */
export function StatusBadge({ context, translation }: { context: ConsoleContext; translation: TranslationSummary | undefined }) {
  const { t, lang } = context;
  if (!translation) return <span class="muted">{t('news-console-status-missing')}</span>;
  return (
    <>
      <span class="badge" data-status={translation.status}>
        {t(`news-status-${translation.status}`)}
      </span>
      {translation.status === 'scheduled' ? (
        <>
          {' '}
          <Time lang={lang} value={translation.publishAt} />
        </>
      ) : null}
    </>
  );
}

/** `/console/news`: every post, with the status of its translation in each language. */
export function NewsConsoleListPage({ context, posts, done }: { context: ConsoleContext; posts: PostSummary[]; done?: string }) {
  const { t, lang } = context;
  return (
    <ConsoleLayout context={context} title={t('news-console-title')}>
      <h1>{t('news-console-title')}</h1>
      {done ? <p role="status" class="done">{t(`news-console-done-${done}`)}</p> : null}
      <p>{t('news-console-lead')}</p>
      <p>
        <a class="button" href="/console/news/new">
          {t('news-console-new')}
        </a>
      </p>
      {posts.length === 0 ? (
        <p>{t('news-console-empty')}</p>
      ) : (
        <table class="records">
          <caption class="visually-hidden">{t('news-console-title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('news-console-post')}</th>
              {LANGUAGES.map((code) => (
                <th key={code} scope="col">
                  {languageName(lang, code)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {posts.map((post) => {
              const first = post.translations.find((translation) => translation.lang === lang) ?? post.translations[0];
              return (
                <tr key={post.postId} data-post={post.postId}>
                  <td dir="auto">{first ? first.title : `#${post.postId}`}</td>
                  {LANGUAGES.map((code) => {
                    const translation = post.translations.find((candidate) => candidate.lang === code);
                    return (
                      <td key={code} data-lang={code}>
                        <a href={`/console/news/${post.postId}/${code}`}>
                          {translation ? t('news-console-edit-in', languageName(lang, code)) : t('news-console-add-in', languageName(lang, code))}
                        </a>
                        <br />
                        <StatusBadge context={context} translation={translation} />
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </ConsoleLayout>
  );
}

export { languageName };
