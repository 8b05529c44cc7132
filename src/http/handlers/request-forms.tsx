import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DatabaseHandle } from '../../db/connect.ts';
import { NotFoundError, ValidationError, type FieldIssue } from '../../errors.ts';
import { kindOfSlug } from '../../intake/forms/form-spec.ts';
import type { Kind } from '../../requests/model.ts';
import { readRequestForm, type FormFile, type FormValues } from '../../intake/forms/read-form.ts';
import { newChallenge, verifyProofOfWork } from '../../intake/spam/proof-of-work.ts';
import { hitRateLimit } from '../../intake/spam/rate-limit.ts';
import { submitRequests } from '../../intake/submit-requests.ts';
import { pageContext, renderPage } from '../../site/layout.tsx';
import { ChooseKindPage, ReceivedPage, RequestFormPage, TooManyPage } from '../../site/pages/request-forms.tsx';
import { pageLanguage, sendHtml } from '../site-pages.ts';

/** Submissions an address may make in an hour: people who solved the proof of work, and people without JavaScript. */
export const FORM_LIMITS = { withProof: 20, withoutProof: 6 };


/** The language and kind of a form's URL; an unknown one is a 404. */
function formOf(request: FastifyRequest): { lang: string; kind: Kind; slug: string } {
  const lang = pageLanguage(request);
  const { kind: slug } = request.params as { kind: string };
  const kind = kindOfSlug(slug);
  if (!kind) throw new NotFoundError('error-route-not-found', [request.url.split('?')[0]!]);
  return { lang, kind, slug };
}


/**
 * A multipart submission's fields and files. Files over the size or count limit are not kept:
 * they become a problem shown on the form, so the requester can send smaller ones.
 */
async function readMultipart(request: FastifyRequest): Promise<{ values: FormValues; files: FormFile[]; issues: FieldIssue[] }> {
  const fields: Record<string, string> = {};
  const files: FormFile[] = [];
  const issues: FieldIssue[] = [];
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const content = await part.toBuffer();
        if (part.filename || content.length > 0) files.push({ filename: part.filename, contentType: part.mimetype, content });
      } else if (typeof part.value === 'string' && !(part.fieldname in fields)) {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') issues.push({ field: 'attachments', message: 'too large', code: 'form-attachment-too-large' });
    else if (code === 'FST_FILES_LIMIT') issues.push({ field: 'attachments', message: 'too many', code: 'form-attachment-too-many' });
    else throw error;
  }
  return { values: formValues(fields), files, issues };
}

/** Only the fields a form has, as strings: anything else a client sends is ignored. */
export function formValues(body: unknown): FormValues {
  const values: FormValues = {};
  if (!body || typeof body !== 'object') return values;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    const text = Array.isArray(value) ? value[0] : value;
    if (typeof text === 'string' && key.length < 40) values[key] = text.slice(0, 200_000);
  }
  return values;
}

/** The request forms: choose a kind, fill a form, see the reference. */
export function requestForms(handle: DatabaseHandle) {
  return {
    async choose(request: FastifyRequest, reply: FastifyReply) {
      const lang = pageLanguage(request);
      return sendHtml(reply, 200, renderPage(<ChooseKindPage context={pageContext(lang, '/requests/new')} />));
    },

    async show(request: FastifyRequest, reply: FastifyReply) {
      const { lang, kind, slug } = formOf(request);
      const context = pageContext(lang, `/requests/new/${slug}`);
      const challenge = await newChallenge(handle.db);
      return sendHtml(reply, 200, renderPage(<RequestFormPage context={context} kind={kind} values={{}} issues={[]} challenge={challenge} />));
    },

    async submit(request: FastifyRequest, reply: FastifyReply) {
      const { lang, kind, slug } = formOf(request);
      const context = pageContext(lang, `/requests/new/${slug}`);
      const upload = request.isMultipart() ? await readMultipart(request) : { values: formValues(request.body), files: [], issues: [] };
      const { values } = upload;
      // A filled honeypot is a robot: it is thanked and nothing is stored.
      if (values.website) return sendHtml(reply, 200, renderPage(<ReceivedPage context={context} reference="—" acknowledged={false} />));
      const proved = await verifyProofOfWork(handle.db, values.altcha);
      const limit = await hitRateLimit(handle.db, 'request-form', request.ip, proved ? FORM_LIMITS.withProof : FORM_LIMITS.withoutProof);
      if (!limit.allowed) return sendHtml(reply.header('retry-after', '3600'), 429, renderPage(<TooManyPage context={context} />));
      const read = readRequestForm(kind, values, lang, context.t, upload.files);
      let issues = [...upload.issues, ...(read.ok ? [] : read.issues)];
      if (read.ok && upload.issues.length === 0) {
        try {
          const [submitted] = await submitRequests(handle.db, [read.input], { channel: 'web', actor: 'web-form' });
          return sendHtml(reply, 200, renderPage(<ReceivedPage context={context} reference={submitted!.reference} acknowledged={!!read.input.requester.email} />));
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          issues = [...error.issues];
        }
      }
      const challenge = await newChallenge(handle.db);
      return sendHtml(reply, 400, renderPage(<RequestFormPage context={context} kind={kind} values={values} issues={issues} challenge={challenge} />));
    },
  };
}
