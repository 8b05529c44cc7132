import type { IncomingMessage, OutgoingHttpHeader, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import type { CachedPage, PageCache } from '../site/page-cache.ts';
import { accessLineWriter, type AccessLine, type AccessLines } from './access-line.ts';
import type { CounterSeries, HistogramSeries, LabelledCounter, LabelledHistogram } from './request-metrics.ts';

/** Where a remembered answer came from: a page kept in a cache, under its key. */
interface Source {
  cache: PageCache;
  key: string;
  page: CachedPage;
}

/** An answer as the web application sent it, to be sent again byte for byte. */
interface Answer {
  source: Source;
  status: number;
  /** Names and values one after the other, as writeHead takes them without looking each name up again. */
  headers: OutgoingHttpHeader[];
  body: Buffer | undefined;
  /** The bytes it keeps alive, counted against the bound. */
  bytes: number;
  /** The route pattern and status, for the request metrics. */
  counted: CounterSeries;
  timed: HistogramSeries;
  /** The count of answers from memory for the route. */
  remembered: CounterSeries;
  /** Its log line, when the log takes info lines and can be written to straight. */
  logged: AccessLine | undefined;
}

const SOURCE = Symbol('candor.answer-source');
type WithSource = FastifyRequest & { [SOURCE]?: Source };

/** Says that the answer to this request shows `page`, kept in `cache` under `key`, and nothing else of the request but its URL and the headers of the answer key. */
export function answerAgainFromMemory(request: FastifyRequest, cache: PageCache, key: string, page: CachedPage): void {
  (request as WithSource)[SOURCE] = { cache, key, page };
}

/** What, besides the URL, a kept page's answer depends on: its encoding and the version the reader holds. */
function answerKey(request: IncomingMessage): string {
  return `${request.url}\n${request.headers['accept-encoding'] ?? ''}\n${request.headers['if-none-match'] ?? ''}`;
}

let lastRequestId = 0;

/** Request ids for the log, shared by the web application and the answers from memory: req-1, req-2, … in base 36. */
export function nextRequestId(): string {
  lastRequestId = (lastRequestId + 1) % Number.MAX_SAFE_INTEGER;
  return `req-${lastRequestId.toString(36)}`;
}

export interface MemoryAnswersOptions {
  log: FastifyBaseLogger;
  requests: LabelledCounter<'method' | 'route' | 'status'>;
  latency: LabelledHistogram<'method' | 'route'>;
  /** Answers given from memory, by route pattern. */
  fromMemory: LabelledCounter<'route'>;
  /** How many answers are remembered, and how many bytes of bodies at most (bodies are mostly shared with the kept pages). */
  most?: number;
  mostBytes?: number;
}

/**
 * Answers from memory the requests for public pages that are kept rendered (the home page, a
 * report period, a page of notice search results…), before the web framework routes them.
 * Once the application has answered a GET for a kept page, the same request (URL,
 * Accept-Encoding, If-None-Match) gets the same status, headers and body again, for as long as
 * that page is still the current one in its cache: a change that drops the page, or the end of
 * its time to live, sends the next request back through the application, which renders it.
 * Each answer is logged and counted in the metrics as the application would have done.
 *
 * Such a request costs a look-up and a write instead of routing, validation, hooks and
 * serialisation: about twice the throughput on one process, and less garbage per request.
 */
export class MemoryAnswers {
  private readonly answers = new Map<string, Answer>();
  private bytes = 0;
  private open = true;
  private readonly most: number;
  private readonly mostBytes: number;

  /** How an answer is logged, when the log takes info lines (its level is set once, at start). */
  private readonly lines: AccessLines | undefined;
  private readonly infoEnabled: boolean;

  constructor(private readonly options: MemoryAnswersOptions) {
    this.infoEnabled = ['trace', 'debug', 'info'].includes(options.log.level);
    this.lines = accessLineWriter(options.log);
    this.most = options.most ?? 2_000;
    this.mostBytes = options.mostBytes ?? 32 * 1024 * 1024;
  }

  /**
   * Called by an onSend hook: if the handler said this request shows a kept page
   * (answerAgainFromMemory), the answer is remembered as it is written to the socket, status,
   * headers and body exactly as sent, whatever the hooks after this one did to it. An answer
   * written in several pieces (a stream) is not remembered.
   */
  remember(request: FastifyRequest, reply: FastifyReply): void {
    const source = (request as WithSource)[SOURCE];
    if (!source || !this.open || request.method !== 'GET') return;
    const raw = reply.raw;
    const { writeHead, write, end } = raw;
    let status = 0;
    let written: OutgoingHttpHeaders | undefined;
    let pieces = false;
    const restore = () => Object.assign(raw, { writeHead, write, end });
    const keep = (headers: OutgoingHttpHeaders, body: Buffer | undefined) => this.keep(request, source, status, headers, body);
    raw.writeHead = function (this: ServerResponse, code: number, ...rest: unknown[]) {
      status = code;
      written = rest.find((item): item is OutgoingHttpHeaders => typeof item === 'object' && item !== null && !Array.isArray(item));
      return (writeHead as (...args: unknown[]) => ServerResponse).call(this, code, ...rest);
    } as typeof raw.writeHead;
    raw.write = function (this: ServerResponse, ...args: unknown[]) {
      pieces = true;
      return (write as (...args: unknown[]) => boolean).apply(this, args);
    } as typeof raw.write;
    raw.end = function (this: ServerResponse, ...args: unknown[]) {
      restore();
      const [chunk] = args;
      if (!pieces && (status === 200 || status === 304) && (chunk === undefined || chunk === null || typeof chunk === 'string' || Buffer.isBuffer(chunk))) {
        const body = chunk === undefined || chunk === null ? undefined : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
        keep({ ...raw.getHeaders(), ...written }, body);
      }
      return (end as (...args: unknown[]) => ServerResponse).apply(this, args);
    } as typeof raw.end;
  }

  private keep(request: FastifyRequest, source: Source, status: number, headers: OutgoingHttpHeaders, body: Buffer | undefined): void {
    const route = request.routeOptions.url ?? 'unmatched';
    const answer: Answer = {
      source,
      status,
      headers: Object.entries(headers).flatMap(([name, value]) => (value === undefined ? [] : [name, value])),
      body,
      // What the answer keeps from being freed: its page (and its compressed forms), and its body.
      bytes: source.page.html.length + (body?.length ?? 0),
      counted: this.options.requests.series({ method: 'GET', route, status: String(status) }),
      timed: this.options.latency.series({ method: 'GET', route }),
      remembered: this.options.fromMemory.series({ route }),
      logged: this.lines?.('GET', request.url, status),
    };
    const key = answerKey(request.raw);
    this.forget(key);
    this.answers.set(key, answer);
    this.bytes += answer.bytes;
    for (const [oldest, kept] of this.answers) {
      if (this.answers.size <= this.most && this.bytes <= this.mostBytes) break;
      this.answers.delete(oldest);
      this.bytes -= kept.bytes;
    }
  }

  private forget(key: string): void {
    const kept = this.answers.get(key);
    if (!kept) return;
    this.answers.delete(key);
    this.bytes -= kept.bytes;
  }

  /** Answers `request` from memory if it can, and says whether it did; otherwise the application answers it. */
  answer(request: IncomingMessage, response: ServerResponse): boolean {
    if (!this.open || request.method !== 'GET' || request.headers['content-length'] !== undefined || request.headers['transfer-encoding'] !== undefined) return false;
    const key = answerKey(request);
    const answer = this.answers.get(key);
    if (!answer) return false;
    if (answer.source.cache.current(answer.source.key) !== answer.source.page) {
      this.forget(key);
      return false;
    }
    const started = performance.now();
    const reqId = this.infoEnabled ? nextRequestId() : undefined;
    response.writeHead(answer.status, answer.headers);
    response.end(answer.body);
    const elapsed = performance.now() - started;
    answer.counted.inc();
    answer.timed.observe(elapsed / 1000);
    answer.remembered.inc();
    if (reqId === undefined) return true;
    if (answer.logged) answer.logged(reqId, elapsed);
    else this.options.log.info({ reqId, req: request, res: response, responseTime: elapsed }, 'request completed');
    return true;
  }

  /** From now on every request goes to the application (which, closing, answers 503), and nothing is remembered. */
  close(): void {
    this.open = false;
    this.answers.clear();
    this.bytes = 0;
  }
}
