import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../errors.ts';
import { LANGUAGES } from '../i18n/translate.ts';
import type { CachedPage, PageCache } from '../site/page-cache.ts';
import { answerAgainFromMemory } from './memory-answers.ts';

/** The language of a public page from its `:lang` parameter; one without a catalog is a 404. */
export function pageLanguage(request: FastifyRequest): string {
  const { lang } = request.params as { lang: string };
  if (!LANGUAGES.includes(lang)) throw new NotFoundError('error-route-not-found', [request.url.split('?')[0]!]);
  return lang;
}

/** Sends a rendered page; kept by no cache unless `cacheControl` says otherwise. */
export function sendHtml(reply: FastifyReply, status: number, body: string | Buffer, cacheControl = 'no-store') {
  return reply.status(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', cacheControl).send(body);
}

/**
 * The encoding a kept page goes out in for an `Accept-Encoding` header: Brotli, else gzip, if
 * the reader takes it (listed, or `*`, with a q-value above 0); nothing otherwise.
 */
export function pageEncoding(header: string | undefined): 'br' | 'gzip' | undefined {
  if (!header) return undefined;
  const taken = new Map<string, boolean>();
  for (const part of header.split(',')) {
    const [name = '', ...parameters] = part.trim().toLowerCase().split(';');
    const q = parameters.map((parameter) => /^\s*q\s*=\s*([\d.]+)\s*$/.exec(parameter)?.[1]).find((value) => value !== undefined);
    taken.set(name.trim(), q === undefined || Number(q) > 0);
  }
  const takes = (name: string) => taken.get(name) ?? taken.get('*') ?? false;
  return takes('br') ? 'br' : takes('gzip') ? 'gzip' : undefined;
}

/** How a kept page is sent: its type, how long readers may keep it, and the policy of an HTML page. */
export interface CachedPageOptions {
  type?: string;
  cacheControl: string;
  csp?: string;
  status?: number;
  /** Whether the same request may be answered again from memory while the page is current (the default): only when nothing but the page decides the answer. */
  again?: boolean;
}

/**
 * Sends a page kept in `cache` under `key`: compressed once with Brotli or gzip when the reader
 * takes it, 304 when the reader already has this version. The answer is remembered, so that the
 * same request is answered again from memory while the page stays current (memory-answers.ts).
 */
export function sendCachedPage(request: FastifyRequest, reply: FastifyReply, cache: PageCache, key: string, page: CachedPage, options: CachedPageOptions) {
  const status = options.status ?? 200;
  reply
    .status(status)
    .header('content-type', options.type ?? 'text/html; charset=utf-8')
    .header('cache-control', options.cacheControl)
    .header('etag', page.etag)
    .header('vary', 'Accept-Encoding');
  if (options.csp) reply.header('content-security-policy', options.csp);
  if (status === 200 && options.again !== false) answerAgainFromMemory(request, cache, key, page);
  if (status === 200 && request.headers['if-none-match'] === page.etag) return reply.status(304).send();
  const encoding = pageEncoding(request.headers['accept-encoding']);
  if (encoding === 'br') return reply.header('content-encoding', 'br').send(page.br);
  if (encoding === 'gzip') return reply.header('content-encoding', 'gzip').send(page.gzip);
  return reply.send(page.html);
}
