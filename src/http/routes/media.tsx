import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { MediaEditPage, type MediaProblem } from '../../console/media/edit-page.tsx';
import { MediaListPage } from '../../console/media/list-page.tsx';
import { consoleContext, sendConsolePage } from '../../console/layout.tsx';
import { ValidationError } from '../../errors.ts';
import { MAX_IMAGE_BYTES, editImage, listImages, loadImage, publishImage, readImageBytes, readPublishedBytes, uploadImage, withdrawImage } from '../../media/library.ts';
import { readImageMetadata, slugFromFilename } from '../../media/metadata.ts';
import { parseImageFileName } from '../../media/published.ts';
import { siteContentChanged } from '../../site/page-cache.ts';
import { IdParams, formFields, idParam } from '../console-forms.ts';
import type { Route, RouteContext } from '../routes.ts';

const DONE = /^(uploaded|metadata|publish|withdraw)$/;

/**
 * The media library: its console (upload, describe and credit, publish, withdraw) and the
 * public, fingerprinted address of every published image. Drafts and withdrawn images are
 * served to staff only.
 */
export function mediaRoutes({ handle }: RouteContext): Route[] {
  const db = handle.db;

  async function showImage(request: FastifyRequest, reply: FastifyReply, status: number, problem?: MediaProblem) {
    const image = await loadImage(db, idParam(request));
    const done = (request.query as { done?: string } | undefined)?.done;
    return sendConsolePage(reply, status, <MediaEditPage context={consoleContext(request)} image={image} problem={problem} done={status === 200 && done && DONE.test(done) ? done : undefined} />);
  }

  /** An action on one image: done, the page again (303); a problem, the page with it (400). */
  const act = (form: MediaProblem['form'], work: (request: FastifyRequest, fields: Record<string, string>) => Promise<void>) => async (request: FastifyRequest, reply: FastifyReply) => {
    const fields = formFields(request.body, 5000);
    try {
      await work(request, fields);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return showImage(request, reply, 400, { form, issues: error.issues, values: form === 'metadata' ? fields : undefined });
    }
    siteContentChanged();
    return reply.redirect(`/console/media/${idParam(request)}?done=${form}`, 303);
  };

  return [
    {
      method: 'GET',
      url: '/media/:file',
      permission: 'public',
      summary: 'A published image, under a name that changes with its bytes, cached for a year',
      hidden: true,
      schema: { params: Type.Object({ file: Type.String({ maxLength: 100 }) }) },
      handler: async (request, reply) => {
        const name = parseImageFileName((request.params as { file: string }).file);
        const image = name && (await readPublishedBytes(db, name.slug, name.fingerprint));
        if (!image) return reply.status(404).type('text/plain; charset=utf-8').header('cache-control', 'no-store').send('not found');
        return reply.header('content-type', image.contentType).header('cache-control', 'public, max-age=31536000, immutable').header('content-security-policy', "default-src 'none'; sandbox").send(image.content);
      },
    },
    {
      method: 'GET',
      url: '/console/media',
      permission: 'site:edit',
      summary: 'The media library: upload an image, and every image with its state and credit',
      hidden: true,
      handler: async (request, reply) => sendConsolePage(reply, 200, <MediaListPage context={consoleContext(request)} images={await listImages(db)} />),
    },
    {
      method: 'POST',
      url: '/console/media',
      permission: 'site:edit',
      summary: 'Upload an image (PNG, JPEG or WebP) as a draft, with its metadata',
      hidden: true,
      bodyLimit: MAX_IMAGE_BYTES + 256 * 1024,
      uploads: { files: 1, fileBytes: MAX_IMAGE_BYTES },
      handler: async (request, reply) => {
        const fields = formFields(request.body, 5000);
        const file = request.uploads?.find((upload) => upload.field === 'file');
        const { metadata, issues } = readImageMetadata(fields, slugFromFilename(file?.filename ?? ''));
        try {
          if (!file) throw new ValidationError([{ field: 'file', message: 'choose an image to upload', code: 'media-error-file-missing' }, ...issues]);
          if (issues.length > 0) throw new ValidationError(issues);
          const image = await uploadImage(db, request.staff!, { filename: file.filename, content: file.content }, metadata);
          return reply.redirect(`/console/media/${image.id}?done=uploaded`, 303);
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return sendConsolePage(reply, 400, <MediaListPage context={consoleContext(request)} images={await listImages(db)} issues={error.issues} values={fields} />);
        }
      },
    },
    {
      method: 'GET',
      url: '/console/media/:id',
      permission: 'site:edit',
      summary: 'An image: its preview, metadata and state',
      hidden: true,
      schema: { params: IdParams },
      handler: (request, reply) => showImage(request, reply, 200),
    },
    {
      method: 'GET',
      url: '/console/media/:id/file',
      permission: 'site:edit',
      summary: "An image's bytes in any state, for the console's preview",
      hidden: true,
      schema: { params: IdParams },
      handler: async (request, reply) => {
        const image = await readImageBytes(db, idParam(request));
        if (!image) return reply.status(404).type('text/plain; charset=utf-8').send('not found');
        return reply.header('content-type', image.contentType).header('cache-control', 'private, no-store').header('content-security-policy', "default-src 'none'; sandbox").send(image.content);
      },
    },
    {
      method: 'POST',
      url: '/console/media/:id',
      permission: 'site:edit',
      summary: "Edit an image's slug, alternative text and credit",
      hidden: true,
      schema: { params: IdParams },
      handler: act('metadata', async (request, fields) => {
        const image = await loadImage(db, idParam(request));
        const { metadata, issues } = readImageMetadata(fields, image.slug);
        if (issues.length > 0) throw new ValidationError(issues);
        await editImage(db, request.staff!, image.id, metadata);
      }),
    },
    {
      method: 'POST',
      url: '/console/media/:id/publish',
      permission: 'site:edit',
      summary: 'Publish an image; refused while its author, licence, source or English description is missing',
      hidden: true,
      schema: { params: IdParams },
      handler: act('publish', (request) => publishImage(db, request.staff!, idParam(request))),
    },
    {
      method: 'POST',
      url: '/console/media/:id/withdraw',
      permission: 'site:edit',
      summary: 'Withdraw a published image: no longer served, and left out of every page',
      hidden: true,
      schema: { params: IdParams },
      handler: act('withdraw', (request) => withdrawImage(db, request.staff!, idParam(request))),
    },
  ];
}
