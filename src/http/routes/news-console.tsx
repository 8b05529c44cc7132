import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { consoleContext, sendConsolePage } from '../../console/layout.tsx';
import { NewsEditPage, type EditProblem } from '../../console/news/edit-page.tsx';
import { NewsConsoleListPage } from '../../console/news/list-page.tsx';
import { ValidationError } from '../../errors.ts';
import { LANGUAGES } from '../../i18n/translate.ts';
import { listPostsForConsole, loadTranslationForEdit } from '../../news/console-queries.ts';
import { checkTranslation, createPost, publishTranslation, restoreRevision, saveTranslation, scheduleTranslation, unpublishTranslation, type NewsEditor } from '../../news/edit-posts.ts';
import { renderPostMarkdown } from '../../news/markdown.ts';
import { pageImages } from '../../news/post-images.ts';
import { loadPublishedImages } from '../../media/published.ts';
import { pageContext } from '../../site/layout.tsx';
import { NewsPostNotFoundError, NewsStatusError, type TranslationInput } from '../../news/model.ts';
import { siteSettings } from '../../site/settings.ts';
import type { Route, RouteContext } from '../routes.ts';

const PostParams = Type.Object({ id: Type.String({ maxLength: 20 }), lang: Type.String({ maxLength: 20 }) });

const fields = (body: unknown): Record<string, string> => {
  const values: Record<string, string> = {};
  if (body && typeof body === 'object') for (const [key, value] of Object.entries(body as Record<string, unknown>)) values[key] = String(Array.isArray(value) ? value[0] : (value ?? ''));
  return values;
};

const contentOf = (values: Record<string, string>): TranslationInput => ({ title: values.title ?? '', slug: values.slug ?? '', summary: values.summary ?? '', body: values.body ?? '' });

const editorOf = (request: FastifyRequest): NewsEditor => ({ userId: request.staff!.userId, email: request.staff!.email });

/** The post and language of the address; a malformed id or an unknown language is a 404. */
function target(request: FastifyRequest): { postId: number; lang: string } {
  const { id, lang } = request.params as { id: string; lang: string };
  if (!/^[1-9]\d{0,14}$/.test(id) || !LANGUAGES.includes(lang)) throw new NewsPostNotFoundError(`${id}/${lang}`.slice(0, 40));
  return { postId: Number(id), lang };
}

const DONE = /^(created|saved|unchanged|published|scheduled|unpublished|restored)$/;

/**
 * The console's news: the list of posts with each translation's status, a new post, and per
 * translation its content with a preview, publishing (now, at a time, taken down) and revisions.
 * Every change is audited by the service; bad input shows the form again with its problems (400)
 * and stores nothing.
 */
export function newsConsoleRoutes({ handle }: RouteContext): Route[] {
  const { db } = handle;
  const origin = () => siteSettings().publicUrl;
  /** The preview of a text as the site would show it, with the library's published images. */
  const previewOf = async (lang: string, body: string) => renderPostMarkdown(body, origin(), pageImages(pageContext(lang, '/news', { images: await loadPublishedImages(db) })));

  async function showEdit(request: FastifyRequest, reply: FastifyReply, status: number, options: { values?: TranslationInput; publishAt?: string; problem?: EditProblem; preview?: boolean } = {}) {
    const { postId, lang } = target(request);
    const data = await loadTranslationForEdit(db, postId, lang);
    if (!data) throw new NewsPostNotFoundError(postId);
    const saved = data.translation;
    const values = options.values ?? (saved ? { title: saved.title, slug: saved.slug, summary: saved.summary, body: saved.body } : { title: '', slug: '', summary: '', body: '' });
    const done = (request.query as { done?: string } | undefined)?.done;
    const preview = options.preview || (saved && !options.values) ? await previewOf(lang, values.body) : undefined;
    return sendConsolePage(reply, status, <NewsEditPage context={consoleContext(request)} data={data} lang={lang} values={values} publishAt={options.publishAt} problem={options.problem} preview={preview} done={status === 200 && done && DONE.test(done) ? done : undefined} />);
  }

  /** A change to one translation: done, back to its page (303); a problem shows the page again with it (400). */
  const act = (form: EditProblem['form'], work: (request: FastifyRequest, values: Record<string, string>) => Promise<string>) => async (request: FastifyRequest, reply: FastifyReply) => {
    const values = fields(request.body);
    const { postId, lang } = target(request);
    let done: string;
    try {
      done = await work(request, values);
    } catch (error) {
      if (error instanceof ValidationError) return showEdit(request, reply, 400, { problem: { form, issues: error.issues }, ...(form === 'content' ? { values: contentOf(values) } : {}), ...(form === 'schedule' ? { publishAt: values.publish_at ?? '' } : {}) });
      if (error instanceof NewsStatusError) return showEdit(request, reply, 400, { problem: { form, issues: [{ field: 'status', message: error.message, code: error.code, params: [...error.params].map(String) }] } });
      throw error;
    }
    return reply.redirect(`/console/news/${postId}/${lang}?done=${done}`, 303);
  };

  return [
    {
      method: 'GET',
      url: '/console/news',
      permission: 'site:edit',
      summary: 'News posts, with the status of each translation',
      hidden: true,
      handler: async (request, reply) => {
        const done = (request.query as { done?: string } | undefined)?.done;
        return sendConsolePage(reply, 200, <NewsConsoleListPage context={consoleContext(request)} posts={await listPostsForConsole(db)} done={done && DONE.test(done) ? done : undefined} />);
      },
    },
    {
      method: 'GET',
      url: '/console/news/new',
      permission: 'site:edit',
      summary: 'The form for a new news post',
      hidden: true,
      handler: async (request, reply) => {
        const context = consoleContext(request);
        return sendConsolePage(reply, 200, <NewsEditPage context={context} data={undefined} lang={context.lang} values={{ title: '', slug: '', summary: '', body: '' }} />);
      },
    },
    {
      method: 'POST',
      url: '/console/news',
      permission: 'site:edit',
      summary: 'Create a news post with its first translation, a draft (or preview it)',
      hidden: true,
      handler: async (request, reply) => {
        const values = fields(request.body);
        const context = consoleContext(request);
        const lang = LANGUAGES.includes(values.lang ?? '') ? values.lang! : context.lang;
        const content = contentOf(values);
        const again = (status: number, options: { problem?: EditProblem; preview?: string }) => sendConsolePage(reply, status, <NewsEditPage context={context} data={undefined} lang={lang} values={content} {...options} />);
        try {
          if (values.intent === 'preview') {
            checkTranslation(content, await loadPublishedImages(db));
            return again(200, { preview: await previewOf(lang, content.body) });
          }
          const postId = await createPost(db, editorOf(request), lang, content);
          return reply.redirect(`/console/news/${postId}/${lang}?done=created`, 303);
        } catch (error) {
          if (error instanceof ValidationError) return again(400, { problem: { form: 'content', issues: error.issues }, preview: values.intent === 'preview' ? await previewOf(lang, content.body) : undefined });
          throw error;
        }
      },
    },
    {
      method: 'GET',
      url: '/console/news/:id/:lang',
      permission: 'site:edit',
      summary: "A post's translation: content and preview, publishing, revisions",
      hidden: true,
      schema: { params: PostParams },
      handler: (request, reply) => showEdit(request, reply, 200),
    },
    {
      method: 'POST',
      url: '/console/news/:id/:lang',
      permission: 'site:edit',
      summary: "Save a translation's content as a new revision (or preview it)",
      hidden: true,
      schema: { params: PostParams },
      handler: async (request, reply) => {
        const values = fields(request.body);
        if (values.intent === 'preview') {
          const content = contentOf(values);
          try {
            checkTranslation(content, await loadPublishedImages(db));
          } catch (error) {
            if (!(error instanceof ValidationError)) throw error;
            return showEdit(request, reply, 400, { values: content, preview: true, problem: { form: 'content', issues: error.issues } });
          }
          return showEdit(request, reply, 200, { values: content, preview: true });
        }
        return act('content', async (inner, submitted) => {
          const { postId, lang } = target(inner);
          const { changed } = await saveTranslation(db, editorOf(inner), postId, lang, contentOf(submitted));
          return changed ? 'saved' : 'unchanged';
        })(request, reply);
      },
    },
    {
      method: 'POST',
      url: '/console/news/:id/:lang/publish',
      permission: 'site:edit',
      summary: 'Publish a translation now',
      hidden: true,
      schema: { params: PostParams },
      handler: act('publish', async (request) => {
        const { postId, lang } = target(request);
        await publishTranslation(db, editorOf(request), postId, lang);
        return 'published';
      }),
    },
    {
      method: 'POST',
      url: '/console/news/:id/:lang/schedule',
      permission: 'site:edit',
      summary: 'Schedule a translation to be published at a time (UTC)',
      hidden: true,
      schema: { params: PostParams },
      handler: act('schedule', async (request, values) => {
        const { postId, lang } = target(request);
        await scheduleTranslation(db, editorOf(request), postId, lang, values.publish_at ?? '');
        return 'scheduled';
      }),
    },
    {
      method: 'POST',
      url: '/console/news/:id/:lang/unpublish',
      permission: 'site:edit',
      summary: 'Take a published translation off the site, or cancel its schedule',
      hidden: true,
      schema: { params: PostParams },
      handler: act('unpublish', async (request) => {
        const { postId, lang } = target(request);
        await unpublishTranslation(db, editorOf(request), postId, lang);
        return 'unpublished';
      }),
    },
    {
      method: 'POST',
      url: '/console/news/:id/:lang/restore',
      permission: 'site:edit',
      summary: "Restore an earlier revision of a translation's content, as a new revision",
      hidden: true,
      schema: { params: PostParams },
      handler: act('restore', async (request, values) => {
        const { postId, lang } = target(request);
        const number = Number(values.revision ?? '');
        if (!Number.isSafeInteger(number) || number < 1) throw new ValidationError([{ field: 'revision', message: 'is not a revision', code: 'news-error-revision', params: [String(values.revision ?? '').slice(0, 20)] }]);
        await restoreRevision(db, editorOf(request), postId, lang, number);
        return 'restored';
      }),
    },
  ];
}

