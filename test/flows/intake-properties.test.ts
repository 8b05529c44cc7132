import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { verifyChain } from '../../src/audit/verify-chain.ts';
import { CATEGORIES_BY_KIND, KINDS, PARTY_ROLES, REQUESTER_TYPES, type Kind } from '../../src/requests/model.ts';
import { runCli } from '../helpers/cli.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';

/**
 * Property-based tests of the intake: thousands of generated bodies, from near-valid requests to
 * arbitrary bytes, thrown at the running server's JSON API and request forms. Whatever comes in,
 * the answer is never a 5xx and never shows a stack trace; what is acknowledged reads back as
 * sent; what is refused leaves nothing behind.
 *
 * The seed is fixed (FC_SEED overrides it) so a failure can be replayed; fast-check prints the
 * seed and the shrunk counterexample when a property fails.
 */
const SEED = Number(process.env.FC_SEED ?? 20261124);
const ROOT = path.resolve(import.meta.dirname, '../..');

// ---------------------------------------------------------------------------------------------
// HTTP, at the level of bytes: any content type (or none), any body, any client address.

interface Answer {
  status: number;
  contentType: string;
  text: string;
}

const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 4 });

function send(
  base: string,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer | string; localAddress?: string },
): Promise<Answer> {
  const url = new URL(options.path, base);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: options.method ?? 'POST',
        path: url.pathname + url.search,
        headers: options.headers,
        // A client address of its own is a fresh connection; the others share a pool.
        ...(options.localAddress ? { localAddress: options.localAddress, agent: false } : { agent: keepAlive }),
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, contentType: String(response.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

/** Stack frames and source paths: what an answer must never show. */
const LEAK_PATTERNS = [
  /\bat (?:async )?[^\s()]+ \((?:file:\/\/|node:)?\/?[^\s()]+:\d+:\d+\)/,
  /\bat (?:file:\/\/)?\/[^\s()]+:\d+:\d+/,
  /node_modules/,
  /\/src\/[\w/.-]+\.tsx?\b/,
  /node:internal/,
  new RegExp(ROOT.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
];

/** The leaks in an answer that the client did not itself send (forms echo what was typed). */
function leaksIn(answer: string, sent: string): string[] {
  const found: string[] = [];
  for (const pattern of LEAK_PATTERNS) {
    const match = pattern.exec(answer);
    if (match && !sent.includes(match[0])) found.push(match[0]);
  }
  return found;
}

function describeExchange(sent: string, answer: Answer): string {
  return `sent ${JSON.stringify(sent.slice(0, 600))}\nanswered ${answer.status} ${answer.contentType}: ${answer.text.slice(0, 600)}`;
}

/** Whether the server still runs, and the last of what it wrote, for a request that got no answer at all. */
function serverState(server: RunningServer): string {
  const exit = server.process.exitCode ?? server.process.signalCode;
  const errors = server.logs.filter((entry) => Number(entry.level) >= 50).slice(-3);
  return `(server ${exit === null ? 'running' : `exited: ${exit}`}; stderr: ${server.stderr.slice(-20).join('\n')}; errors: ${JSON.stringify(errors).slice(0, 3000)})`;
}

/** Never a 5xx, never a stack trace; a 4xx from the API is JSON with `error` and `message`. */
async function assertCleanAnswer(answer: Answer, sent: string, server: RunningServer): Promise<void> {
  // The server logs the error after it has answered: give its line a moment to arrive.
  if (answer.status >= 500) await new Promise((resolve) => setTimeout(resolve, 200));
  const errors = server.logs.filter((entry) => Number(entry.level) >= 50).slice(-3);
  assert.ok(answer.status < 500, `a ${answer.status}\n${describeExchange(sent, answer)}\nserver errors: ${JSON.stringify(errors).slice(0, 2000)}`);
  assert.ok(answer.status >= 200, `status ${answer.status}`);
  assert.deepEqual(leaksIn(answer.text, sent), [], `a stack trace or source path\n${describeExchange(sent, answer)}`);
  if (answer.status >= 400 && !answer.contentType.startsWith('text/html')) {
    assert.match(answer.contentType, /^application\/json/, describeExchange(sent, answer));
    const body = JSON.parse(answer.text) as { error?: unknown; message?: unknown };
    assert.equal(typeof body.error, 'string', describeExchange(sent, answer));
    assert.equal(typeof body.message, 'string', describeExchange(sent, answer));
    assert.ok((body.message as string).length > 0, describeExchange(sent, answer));
  }
}

// ---------------------------------------------------------------------------------------------
// Generators.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

const HOSTS = ['en.wikipedia.org', 'ar.m.wikipedia.org', 'commons.wikimedia.org', 'www.wikidata.org', 'de.wiktionary.org', 'fa.wikipedia.org'];
const COUNTRIES = ['US', 'GB', 'DE', 'BR', 'IN', 'EG', 'JP', 'IR', 'IL', 'FR', 'ES', 'AR', 'MX', 'NG', 'ZA'];
const LANGUAGE_TAGS = ['en', 'es', 'ar', 'es-AR', 'zh-Hant-TW', 'fa', 'he', 'pt-BR'];
const ALL_CATEGORIES = [...new Set(Object.values(CATEGORIES_BY_KIND).flat())];

/** Readable text in any script: RTL, emoji, combining marks, plus some fixed hard cases. */
const humanText = (maxLength: number) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: Math.min(maxLength, 120) }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'مرحبا بالعالم — نص عربي',
        '\u202eevil\u202c override',
        'שלום עולם',
        '👨‍👩‍👧‍👦 🏳️‍🌈 🇺🇸',
        'Zalgo: Z̷̢̛a̶l̸g̵o̴',
        'ﷺ ﷽',
        '\ufeffbom first',
        'tab\tand\r\nnewlines',
        "<script>alert('x')</script> & \"quotes\"",
        "Robert'); DROP TABLE requests;--",
        '%s %d {{PLURAL:$1|a|b}} $1',
      ),
    },
  );

const titleArb = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 });
const urlArb = fc
  .record({ host: fc.constantFrom(...HOSTS), title: titleArb, oldid: fc.option(fc.nat(), { nil: undefined }), file: fc.boolean() })
  .map(({ host, title, oldid, file }) => `https://${host}/wiki/${file ? 'File:' : ''}${encodeURIComponent(title)}${oldid === undefined ? '' : `?oldid=${oldid}`}`);

const targetArb: fc.Arbitrary<Obj> = fc.oneof(
  { weight: 3, arbitrary: urlArb.map((url) => ({ url })) },
  {
    weight: 1,
    arbitrary: fc
      .record({ account: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), project: fc.option(fc.constantFrom(...HOSTS, 'EN.Wikipedia.ORG'), { nil: undefined }) })
      .map(({ account, project }): Obj => (project ? { account, project } : { account })),
  },
);

/** Files of several kinds, by their first bytes: what the server must type by content, never by name. */
const fileBytesArb = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 2048 }).map((bytes) => Buffer.from(bytes)),
  fc.uint8Array({ maxLength: 512 }).map((bytes) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(bytes)])),
  fc.uint8Array({ maxLength: 512 }).map((bytes) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(bytes)])),
  fc.constantFrom(Buffer.from('<html><script>alert(1)</script></html>'), Buffer.from('MZ\x90\x00'), Buffer.from('\ufeff<svg onload="alert(1)"/>')),
);
const filenameArb = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }),
  fc.constantFrom('../../etc/passwd', 'a/b\\c.pdf', '.hidden', '...', ' .pdf', 'CON', 'notice.pdf.exe', 'x'.repeat(255), '😀'.repeat(255), 'tab\tname.png', 'ملف.pdf'),
);
const attachmentArb = fc
  .record({ filename: filenameArb, content_type: fc.option(fc.constantFrom('application/pdf', 'text/html', 'image/png', 'application/x-msdownload', 'image/svg+xml'), { nil: undefined }), bytes: fileBytesArb })
  .map(({ filename, content_type, bytes }) => defined({ filename, content_type, content_base64: bytes.toString('base64') }));

const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined, freq: 2 });
const nullable = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null, freq: 4 });

/** Drops the keys whose value is undefined (JSON has no undefined). */
function defined(record: Record<string, unknown>): Obj {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as Obj;
}

const emailArb = fc.oneof(fc.emailAddress(), fc.constantFrom('legal@harbour.example', 'ana.garcía@xn--exmple-cua.example', 'a+b@c.example'));

/** A request the API should accept (most of the time: fast-check's e-mail addresses are wider than Ajv's). */
function validRequestArb(counterNoticeTo: string): fc.Arbitrary<Obj> {
  return fc.constantFrom(...KINDS).chain((kind) =>
    fc
      .record({
        category: CATEGORIES_BY_KIND[kind].length > 0 ? optional(nullable(fc.constantFrom(...(CATEGORIES_BY_KIND[kind] as readonly string[])))) : optional(fc.constant(null)),
        external_id: optional(fc.oneof(fc.constantFrom('ext-1', 'ext-2', 'ext-3'), fc.uuid(), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }))),
        received_at: optional(
          fc.oneof(
            fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString()),
            fc.constantFrom('2026-03-01T10:00:00+05:30', '2025-12-31T23:59:59.999999-08:00', '2026-01-01t00:00:00z'),
          ),
        ),
        language: optional(fc.constantFrom(...LANGUAGE_TAGS)),
        requester: fc
          .record({
            name: optional(nullable(humanText(300))),
            organization: optional(nullable(humanText(300))),
            email: optional(nullable(emailArb)),
            type: optional(nullable(fc.constantFrom(...REQUESTER_TYPES))),
            country: optional(nullable(fc.constantFrom(...COUNTRIES))),
          })
          .map(defined),
        jurisdiction: optional(nullable(humanText(200))),
        laws_cited: optional(fc.array(humanText(300), { maxLength: 4 })),
        text: humanText(200_000),
        targets: fc.array(targetArb, { minLength: 1, maxLength: 4 }),
        parties: optional(
          fc.array(
            fc
              .record({
                role: fc.constantFrom(...PARTY_ROLES),
                name: optional(nullable(humanText(300))),
                organization: optional(nullable(humanText(300))),
                email: optional(nullable(emailArb)),
                address: optional(nullable(humanText(1000))),
                country: optional(nullable(fc.constantFrom(...COUNTRIES))),
              })
              .map(defined),
            { maxLength: 3 },
          ),
        ),
        attachments: optional(fc.array(attachmentArb, { maxLength: 2 })),
        counterNotice: fc.boolean(),
      })
      .map(({ counterNotice, ...fields }) => {
        const request = defined({ kind, ...fields });
        if (kind === 'copyright' && request.category === 'counter_notice' && counterNotice) request.counter_notice_to = counterNoticeTo;
        return request;
      }),
  );
}

/** Nested n deep, as arrays or objects. */
function nested(depth: number, asObject: boolean): Json {
  let value: Json = 'bottom';
  for (let i = 0; i < depth; i++) value = asObject ? { a: value } : [value];
  return value;
}

const longString = fc
  .record({ length: fc.constantFrom(0, 1, 2, 199, 200, 201, 253, 255, 256, 300, 301, 1000, 1001, 2048, 2049, 50_000, 200_000, 200_001), unit: fc.constantFrom('x', 'é', '😀', 'ب', ' ') })
  .map(({ length, unit }) => unit.repeat(length));

/** Values that do not belong where they are put. */
const nastyValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, false, 0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, '', ' ', '\u0000', 'a\u0000b', '\ud800', 'x\udfff', '\ufffe', '\u200b', [], {}, [null], [{}]),
  longString,
  fc.string({ unit: 'binary', maxLength: 60 }),
  humanText(300),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
  fc.record({ depth: fc.integer({ min: 1, max: 3000 }), asObject: fc.boolean() }).map(({ depth, asObject }) => nested(depth, asObject)),
  fc.constantFrom<Json>(
    'not a url',
    'http://',
    'https://en.wikipedia.org:99999/wiki/X',
    'javascript:alert(1)',
    'https://xn--/',
    'https://en.wikipedia.org/wiki/%',
    'https://[::1]/wiki/X',
    'https://en.wikipedia.org./wiki/X',
    'HTTPS://EN.WIKIPEDIA.ORG/wiki/X',
    'https://user:pass@en.wikipedia.org/wiki/X',
    'ftp://en.wikipedia.org/x',
    'https://ex ample.org/',
    'https://ar.wikipedia.org/wiki/مرحبا',
    'https://-bad-.org/',
    'https://127.0.0.1/wiki/X',
    'https://en.wikipedia.org/wiki/%00',
    // Paths whose escapes are not UTF-8 (%ED%A0%80, %FF) have a test of their own below.
  ),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.constantFrom<Json>('us', 'USA', 'XX', 'ZZ', 'AA', 'U', '12', 'ÜS', 'EU', 'UK', 'XK', '  ', 'ＵＳ'),
  fc.constantFrom<Json>(...ALL_CATEGORIES, ...KINDS, 'takedown', 'Copyright', 'COPYRIGHT'),
  fc.constantFrom<Json>(
    '2026-02-30T00:00:00Z',
    '2026-06-30T23:59:60Z',
    '0000-01-01T00:00:00Z',
    '0000-01-01T00:00:00+23:59',
    '9999-12-31T23:59:59-23:59',
    '2026-01-01',
    'now',
    '2026-01-01T00:00:00+24:00',
    '１９９９-01-01T00:00:00Z',
    '2026-01-01T00:00:00.123456789Z',
  ),
  fc.constantFrom<Json>('CR-2026-000001', 'CR-1999-999999', 'X-1', 'cr-2026-1', 'CR-' + '9'.repeat(5000)),
  // Base64 that is not, or is almost.
  fc.constantFrom<Json>('=', 'AAA', 'AAAA====', '////', 'QUJD\nREVG', 'QUJD REVG', '****', 'QQ==QQ=='),
);

/** Where a mutation lands: a field of the request, of its requester, a target or a party, or somewhere new. */
const pathArb: fc.Arbitrary<(string | number)[]> = fc.oneof(
  fc.constantFrom<(string | number)[]>(
    [],
    ['kind'],
    ['category'],
    ['external_id'],
    ['received_at'],
    ['language'],
    ['requester'],
    ['requester', 'name'],
    ['requester', 'email'],
    ['requester', 'type'],
    ['requester', 'country'],
    ['requester', 'organization'],
    ['jurisdiction'],
    ['laws_cited'],
    ['laws_cited', 0],
    ['text'],
    ['targets'],
    ['targets', 0],
    ['targets', 0, 'url'],
    ['targets', 0, 'account'],
    ['targets', 0, 'project'],
    ['targets', 1],
    ['parties'],
    ['parties', 0],
    ['parties', 0, 'role'],
    ['parties', 0, 'country'],
    ['parties', 0, 'email'],
    ['counter_notice_to'],
    ['attachments'],
    ['attachments', 0],
    ['attachments', 0, 'filename'],
    ['attachments', 0, 'content_type'],
    ['attachments', 0, 'content_base64'],
  ),
  fc.tuple(fc.constantFrom<(string | number)[]>([], ['requester'], ['targets', 0], ['parties', 0]), fc.string({ maxLength: 20 })).map(([parent, key]) => [...parent, key]),
);

type Mutation = { path: (string | number)[]; op: 'set' | 'delete' | 'wrap-in-array' | 'duplicate'; value: Json };
const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  path: pathArb,
  op: fc.constantFrom<Mutation['op']>('set', 'set', 'set', 'delete', 'wrap-in-array', 'duplicate'),
  value: nastyValue,
});

function mutate(request: Obj, mutations: Mutation[]): Json {
  let root: Json = structuredClone(request);
  for (const { path: where, op, value } of mutations) {
    if (where.length === 0) {
      root = op === 'wrap-in-array' ? [root] : op === 'delete' ? null : op === 'duplicate' ? [root, root] : value;
      continue;
    }
    let parent: Json = root;
    for (const key of where.slice(0, -1)) {
      if (parent === null || typeof parent !== 'object') break;
      const container = parent as Record<string | number, Json>;
      if (container[key] === undefined || container[key] === null || typeof container[key] !== 'object') container[key] = typeof key === 'number' ? [] : {};
      parent = container[key]!;
    }
    if (parent === null || typeof parent !== 'object') continue;
    const container = parent as Record<string | number, Json>;
    const key = where[where.length - 1]!;
    if (op === 'delete') delete container[key];
    else if (op === 'wrap-in-array') container[key] = [container[key] ?? value];
    else if (op === 'duplicate' && Array.isArray(container[key])) container[key] = [...(container[key] as Json[]), ...(container[key] as Json[])];
    else container[key] = value;
  }
  return root;
}

// ---------------------------------------------------------------------------------------------
// What the server acknowledged, to read back and to account for at the end.

interface Acknowledged {
  reference: string;
  id: number;
  channel: 'api' | 'web';
  /** The fields as sent, when this submission created the request. */
  sent?: Obj;
  form?: { kind: Kind; lang: string; values: Record<string, string> };
}

/** What the read API should show for a request created from `input`. */
function expectedView(input: Obj) {
  const requester = (input.requester ?? {}) as Obj;
  const person = (value: Json | undefined) => (value === undefined ? null : value);
  return {
    kind: input.kind,
    category: person(input.category),
    external_id: person(input.external_id),
    channel: 'api',
    status: 'received',
    language: person(input.language),
    jurisdiction: person(input.jurisdiction),
    laws_cited: input.laws_cited ?? [],
    text: input.text,
    requester: {
      name: person(requester.name),
      organization: person(requester.organization),
      email: person(requester.email),
      type: person(requester.type),
      country: person(requester.country),
    },
    targets: (input.targets as Obj[]).map((target) => {
      if (typeof target.url === 'string') {
        const url = new URL(target.url);
        const labels = url.hostname.toLowerCase().replace(/\.$/, '').split('.');
        if (labels.length > 2 && labels[1] === 'm') labels.splice(1, 1);
        return { url: url.toString(), project: labels.join('.'), account: person(target.account) };
      }
      return { url: null, project: typeof target.project === 'string' ? target.project.toLowerCase() : null, account: person(target.account) };
    }),
    attachments: ((input.attachments ?? []) as Obj[]).map((attachment) => {
      const bytes = Buffer.from(attachment.content_base64 as string, 'base64');
      return { size_bytes: bytes.length, sha256: crypto.createHash('sha256').update(bytes).digest('hex') };
    }),
    parties: ((input.parties ?? []) as Obj[]).map((party) => ({
      role: party.role,
      name: person(party.name),
      organization: person(party.organization),
      email: person(party.email),
      address: person(party.address),
      country: person(party.country),
    })),
  };
}

/** A stored file name names no path and holds no control character; a stored type is never one a browser would run. */
function assertSafeAttachments(view: { reference: string; attachments?: { filename: string; content_type: string }[] }): void {
  for (const attachment of view.attachments ?? []) {
    assert.ok(attachment.filename.length > 0 && !/[\/\\\u0000-\u001f\u007f]/.test(attachment.filename) && !attachment.filename.startsWith('.'), `${view.reference}: unsafe file name ${JSON.stringify(attachment.filename)}`);
    assert.doesNotMatch(attachment.content_type, /^(text\/(html|xml|javascript|css)|application\/(xhtml\+xml|xml|[a-z.+-]*\+xml|javascript|ecmascript)|image\/svg\+xml)/i, `${view.reference}: stored as ${attachment.content_type}`);
  }
}

interface View {
  id: number;
  reference: string;
  external_id: string | null;
  kind: string;
  channel: string;
  received_at: string;
  requester: Record<string, unknown>;
  language: string | null;
  text: string | null;
  targets: { type: string; url: string | null; project: string | null; account: string | null }[];
  parties: unknown[];
  attachments?: { filename: string; content_type: string; size_bytes: number; sha256: string }[];
  [key: string]: unknown;
}

/**
 * PGlite (0.5.16) drops a leading U+FEFF from every text value it reads: its protocol reader
 * decodes with `new TextDecoder('utf-8')`, which takes the character for a byte-order mark. The
 * bytes are stored intact (PostgreSQL keeps it; see the todo test below). On PGlite the
 * comparison allows exactly that loss, so that the property keeps finding other differences.
 */
function asPgliteReadsIt<T>(value: T): T;
function asPgliteReadsIt(value: unknown): unknown {
  if (typeof value === 'string') return value.startsWith('\ufeff') ? value.slice(1) : value;
  // A text[] arrives as one array literal (`{"…"}`), so its items keep the character.
  if (Array.isArray(value)) return value.map((item) => (typeof item === 'string' ? item : asPgliteReadsIt(item)));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, asPgliteReadsIt(item)]));
  return value;
}

function shown(view: View) {
  return {
    kind: view.kind,
    category: view.category,
    external_id: view.external_id,
    channel: view.channel,
    status: view.status,
    language: view.language,
    jurisdiction: view.jurisdiction,
    laws_cited: view.laws_cited,
    text: view.text,
    requester: view.requester,
    targets: view.targets.map(({ url, project, account }) => ({ url, project, account })),
    attachments: (view.attachments ?? []).map(({ size_bytes, sha256 }) => ({ size_bytes, sha256 })),
    parties: view.parties,
  };
}

// ---------------------------------------------------------------------------------------------

describe('the intake under thousands of generated bodies', () => {
  let database: TestDatabase;
  let server: RunningServer;
  let submit: string;
  let read: string;
  let counterNoticeTo: string;
  const acknowledged = new Map<string, Acknowledged>();
  const tally = { created: 0, replayed: 0, refused: 0, formsStored: 0, formsRefused: 0, formsLimited: 0, formAnswers: {} as Record<string, number> };

  const api = (apiPath: string, body: Buffer | string, headers: Record<string, string> = {}) =>
    send(server.url, { path: apiPath, body, headers: { authorization: `Bearer ${submit}`, 'content-type': 'application/json', ...headers } }).catch((error: unknown) =>
      assert.fail(`${String(error)} ${serverState(server)}\nsent ${JSON.stringify(String(body).slice(0, 2000))}`),
    );
  const readView = async (reference: string): Promise<View> => {
    const answer = await send(server.url, { method: 'GET', path: `/api/v1/requests/${encodeURIComponent(reference)}`, headers: { authorization: `Bearer ${read}` } });
    assert.equal(answer.status, 200, `${reference} was acknowledged but cannot be read: ${answer.status} ${answer.text}`);
    return JSON.parse(answer.text) as View;
  };

  /**
   * Records what a 2xx from the API acknowledged and reads each new request back. `inputs` are the
   * request objects sent, in order, when they are known (a single request, or the items of a batch).
   */
  async function checkAcknowledged(answer: Answer, sent: string, inputs: Json[] | undefined): Promise<void> {
    const body = JSON.parse(answer.text) as { id?: number; reference?: string; items?: { id: number; reference: string }[] };
    const items = body.items ?? [{ id: body.id!, reference: body.reference! }];
    assert.ok(items.length > 0 && items.every((item) => Number.isInteger(item.id) && typeof item.reference === 'string'), describeExchange(sent, answer));
    const firstInBatch = new Map<string, number>();
    for (const [index, item] of items.entries()) {
      const known = acknowledged.get(item.reference);
      if (known) {
        assert.equal(known.id, item.id, `the same reference with another id\n${describeExchange(sent, answer)}`);
        assert.ok(answer.status === 200 || items.length > 1, `201 for a request created before\n${describeExchange(sent, answer)}`);
        // A replay of an external_id: the first request answers, unchanged.
        const input = inputs?.[index] as Obj | undefined;
        if (input && known.sent) assert.equal(known.sent.external_id, input.external_id, describeExchange(sent, answer));
        tally.replayed++;
        continue;
      }
      if (firstInBatch.has(item.reference)) {
        tally.replayed++;
        continue;
      }
      firstInBatch.set(item.reference, index);
      assert.equal(answer.status, 201, `200 for a request never acknowledged before\n${describeExchange(sent, answer)}`);
      const input = inputs?.[index] as Obj | undefined;
      acknowledged.set(item.reference, { reference: item.reference, id: item.id, channel: 'api', sent: input });
      tally.created++;
      const view = await readView(item.reference);
      assert.equal(view.id, item.id);
      assertSafeAttachments(view);
      if (input) {
        const expected = database.backend === 'pglite' ? asPgliteReadsIt(expectedView(input)) : expectedView(input);
        assert.deepEqual(shown(view), expected, `${item.reference} does not read back as sent\n${describeExchange(sent, answer)}`);
        if (typeof input.received_at === 'string') assert.equal(Date.parse(view.received_at), Date.parse(input.received_at), 'received_at');
      }
    }
  }

  async function throwAtApi(apiPath: string, body: Json, headers?: Record<string, string>): Promise<void> {
    const sent = JSON.stringify(body);
    const answer = await api(apiPath, sent, headers);
    await assertCleanAnswer(answer, sent, server);
    if (answer.status === 200 || answer.status === 201) {
      const inputs = apiPath.endsWith('/batch') ? ((body as Obj).requests as Json[]) : [body];
      await checkAcknowledged(answer, sent, inputs);
    } else {
      assert.ok([400, 413].includes(answer.status), describeExchange(sent, answer));
      tally.refused++;
    }
  }

  // Every form submission comes from an address of its own (the loopback network is 127.0.0.0/8),
  // so the per-address limit is exercised only where the test means it; 429 stays an allowed answer.
  let addressCounter = 0;
  let ownAddresses = true;
  function nextAddress(): string | undefined {
    if (!ownAddresses) return undefined;
    addressCounter++;
    return `127.${10 + Math.floor(addressCounter / 62_500)}.${Math.floor(addressCounter / 250) % 250}.${(addressCounter % 250) + 1}`;
  }

  before(async () => {
    database = await createTestDatabase();
    const a = await runCli(['token', 'create', 'fuzz submit', '--scope', 'submit'], database.env);
    const b = await runCli(['token', 'create', 'fuzz read', '--scope', 'read'], database.env);
    assert.equal(a.status, 0, a.stderr);
    assert.equal(b.status, 0, b.stderr);
    submit = a.stdout.trim();
    read = b.stdout.trim();
    server = await startServer(database.env);
    const probe = await send(server.url, { method: 'GET', path: '/en/requests/new', localAddress: '127.9.9.9' }).catch(() => undefined);
    ownAddresses = probe?.status === 200;
    // A copyright notice for generated counter-notices to answer.
    const notice = {
      kind: 'copyright',
      requester: { name: 'Harbour Pictures', email: 'legal@harbour.example' },
      text: 'Our photograph, used without permission.',
      targets: [{ url: 'https://commons.wikimedia.org/wiki/File:Harbour.jpg' }],
    };
    const answer = await api('/api/v1/requests', JSON.stringify(notice));
    assert.equal(answer.status, 201, answer.text);
    const created = JSON.parse(answer.text) as { id: number; reference: string };
    counterNoticeTo = created.reference;
    acknowledged.set(created.reference, { reference: created.reference, id: created.id, channel: 'api', sent: notice });
  });
  after(async () => {
    await server?.stop();
    await database?.drop();
    keepAlive.destroy();
  });

  it('answers near-valid and arbitrary JSON requests with 201/200 that read back as sent, or a clean 4xx', async () => {
    const before = tally.created;
    const valid = validRequestArb(counterNoticeTo);
    const body = fc.oneof(
      { weight: 3, arbitrary: valid },
      { weight: 6, arbitrary: fc.tuple(valid, fc.array(mutationArb, { minLength: 1, maxLength: 3 })).map(([request, mutations]) => mutate(request, mutations)) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) as fc.Arbitrary<Json> },
    );
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom('en', 'es', 'ar', 'fr;q=0.5, *'), async (request, language) => {
        await throwAtApi('/api/v1/requests', request, { 'accept-language': language });
      }),
      { numRuns: 1500, seed: SEED, includeErrorInReport: true },
    );
    // The generators must reach the path that stores, not only the refusals.
    assert.ok(tally.created - before > 200, `only ${tally.created - before} requests were created`);
  });

  it('takes batches all or nothing, whatever their items', async () => {
    const before = tally.created;
    const valid = validRequestArb(counterNoticeTo);
    const item = fc.oneof(
      { weight: 5, arbitrary: valid as fc.Arbitrary<Json> },
      { weight: 1, arbitrary: fc.tuple(valid, fc.array(mutationArb, { minLength: 1, maxLength: 2 })).map(([request, mutations]) => mutate(request, mutations)) },
    );
    const batch = fc.oneof(
      { weight: 8, arbitrary: fc.array(item, { minLength: 1, maxLength: 6 }).map((requests): Json => ({ requests })) },
      { weight: 1, arbitrary: fc.constantFrom<Json>({ requests: [] }, { requests: null }, { requests: {} }, { requests: [[]] }, {}, [], { requests: [], extra: 1 }) },
      { weight: 1, arbitrary: valid.map((request): Json => ({ requests: Array.from({ length: 101 }, () => request) })) },
      { weight: 1, arbitrary: fc.tuple(fc.array(valid, { minLength: 1, maxLength: 3 }), mutationArb).map(([requests, mutation]) => mutate({ requests } as Obj, [{ ...mutation, path: ['requests', 0, ...mutation.path] }])) },
    );
    await fc.assert(
      fc.asyncProperty(batch, async (body) => {
        await throwAtApi('/api/v1/requests/batch', body);
      }),
      { numRuns: 300, seed: SEED, includeErrorInReport: true },
    );
    assert.ok(tally.created - before > 100, `only ${tally.created - before} requests were created by batches`);
  });

  it('answers arbitrary bytes, malformed JSON and any content type with a clean 4xx', async () => {
    const validJson = validRequestArb(counterNoticeTo).map((request) => JSON.stringify(request));
    const bodyArb: fc.Arbitrary<Buffer> = fc.oneof(
      fc.uint8Array({ maxLength: 2048 }).map((bytes) => Buffer.from(bytes)),
      fc.string({ unit: 'binary', maxLength: 500 }).map((text) => Buffer.from(text)),
      fc.tuple(validJson, fc.nat()).map(([json, cut]) => Buffer.from(json.slice(0, cut % Math.max(1, json.length)))),
      fc.tuple(validJson, fc.constantFrom('}', ']', ',', 'x', '\u0000', ' \n', '{}', '// comment')).map(([json, tail]) => Buffer.from(json + tail)),
      validJson.map((json) => Buffer.from(json)),
      validJson.map((json) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)])),
      validJson.map((json) => Buffer.from(json, 'utf16le')),
      validJson.map((json) => Buffer.from(json, 'latin1')),
      fc.constantFrom(
        Buffer.from(''),
        Buffer.from('null'),
        Buffer.from('"just a string"'),
        Buffer.from('1e999'),
        Buffer.from('{"kind":"copyright","kind":"emergency"}'),
        Buffer.from('{"__proto__":{"admin":true},"kind":"copyright"}'),
        Buffer.from('{"constructor":{"prototype":{"admin":true}}}'),
        Buffer.from('{"text":"\\ud800"}'),
        Buffer.from([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xc0, 0xaf, 0x22, 0x7d]),
        Buffer.from([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]),
        Buffer.from('['.repeat(200_000) + ']'.repeat(200_000)),
        Buffer.from('{"a":' + '['.repeat(50_000) + '{"__proto__":1}' + ']'.repeat(50_000) + '}'),
        Buffer.alloc(1_100_000, 0x20),
        Buffer.from(JSON.stringify({ kind: 'copyright', text: 'x'.repeat(1_100_000) })),
      ),
    );
    const token = fc.stringMatching(/^[a-z0-9!#$&^_.+-]{1,20}$/);
    const contentTypeArb = fc.oneof(
      fc.constantFrom(
        undefined,
        'application/json',
        'application/json; charset=utf-8',
        'application/json; charset=latin1',
        'application/json; charset=utf-16le',
        'APPLICATION/JSON',
        'application/json;;',
        'application/json; boundary=x',
        'application/jsonx',
        'application/json-patch+json',
        'application/problem+json',
        'text/plain',
        'text/json',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=----x',
        'application/xml',
        'text/html',
        'application/octet-stream',
        '',
        '*/*',
        'application/',
      ),
      fc.tuple(token, token).map(([type, subtype]) => `${type}/${subtype}`),
    );
    const authArb = fc.constantFrom('submit', 'submit', 'submit', 'read', 'none', 'forged', 'malformed');
    const pathArb2 = fc.constantFrom('/api/v1/requests', '/api/v1/requests/batch', '/api/v1/requests', '/api/v1/requests/batch', '/en/requests/new/copyright', '/ar/requests/new/emergency');
    await fc.assert(
      fc.asyncProperty(bodyArb, contentTypeArb, authArb, pathArb2, async (body, contentType, auth, target) => {
        const headers: Record<string, string> = {};
        if (contentType !== undefined) headers['content-type'] = contentType;
        if (auth === 'submit') headers.authorization = `Bearer ${submit}`;
        if (auth === 'read') headers.authorization = `Bearer ${read}`;
        if (auth === 'forged') headers.authorization = `Bearer cnd_${'A'.repeat(43)}`;
        if (auth === 'malformed') headers.authorization = 'Bearer';
        const sent = body.toString('utf8');
        let answer: Answer;
        try {
          answer = await send(server.url, { path: target, headers, body, ...(target.startsWith('/api/') ? {} : { localAddress: nextAddress() }) });
        } catch (error) {
          // The server may answer an oversize body (413) and close before the client has sent it all.
          if (body.length > 1_048_576) return;
          assert.fail(`${String(error)} ${serverState(server)}\nsent ${JSON.stringify(sent.slice(0, 2000))}`);
        }
        await assertCleanAnswer(answer, sent, server);
        if (target.startsWith('/api/') && answer.status < 300) {
          let parsed: Json | undefined;
          try {
            parsed = JSON.parse(sent) as Json;
          } catch {
            parsed = undefined;
          }
          const inputs = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (target.endsWith('/batch') ? ((parsed as Obj).requests as Json[]) : [parsed]) : undefined;
          await checkAcknowledged(answer, sent, contentType?.includes('charset=') && !/utf-8/i.test(contentType) ? undefined : inputs);
        } else if (target.startsWith('/api/')) {
          assert.ok([400, 401, 403, 413, 415].includes(answer.status), describeExchange(sent, answer));
          tally.refused++;
        }
      }),
      { numRuns: 800, seed: SEED, includeErrorInReport: true },
    );
  });

  it('answers generated request forms with a reference that reads back, a form with its problems, or a 429 — never a 5xx', async () => {
    const slugs: Record<Kind, string> = { content_alteration: 'content', copyright: 'copyright', user_data: 'user-data', preservation: 'preservation', emergency: 'emergency' };
    const lineOfUrls = fc.array(fc.oneof(urlArb, nastyValue.filter((value): value is string => typeof value === 'string' && value.length < 3000)), { minLength: 1, maxLength: 4 }).map((urls) => urls.join('\n'));
    const formArb = fc.constantFrom(...KINDS).chain((kind) => {
      const valid = fc.record({
        name: humanText(300),
        email: emailArb,
        organization: optional(humanText(300)),
        requester_type: optional(fc.constantFrom(...REQUESTER_TYPES)),
        country: optional(fc.constantFrom(...COUNTRIES)),
        category: CATEGORIES_BY_KIND[kind].length > 0 ? fc.constantFrom(...(CATEGORIES_BY_KIND[kind] as readonly string[])) : fc.constant(undefined),
        urls: lineOfUrls,
        accounts: optional(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 })),
        project: optional(fc.constantFrom(...HOSTS)),
        work: humanText(1000),
        explanation: humanText(5000),
        legal_basis: humanText(1000),
        laws: optional(humanText(300)),
        jurisdiction: optional(fc.constantFrom(...COUNTRIES)),
        address: optional(humanText(1000)),
        phone: optional(fc.constantFrom('+1 555 0100', '٠١٢٣٤٥٦٧٨٩')),
        good_faith: fc.constant('on'),
        accuracy: fc.constant('on'),
        signature: humanText(300),
      });
      const fieldName = fc.constantFrom('name', 'email', 'organization', 'requester_type', 'country', 'category', 'urls', 'accounts', 'project', 'work', 'explanation', 'legal_basis', 'laws', 'jurisdiction', 'address', 'good_faith', 'accuracy', 'signature', 'altcha', 'website');
      const formMutation = fc.oneof(
        fc.record({ op: fc.constant('delete' as const), field: fieldName }),
        fc.record({ op: fc.constant('set' as const), field: fc.oneof(fieldName, fc.string({ maxLength: 50 })), value: fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), longString, humanText(300), nastyValue.filter((value): value is string => typeof value === 'string')) }),
        fc.record({ op: fc.constant('repeat' as const), field: fieldName }),
      );
      return fc.record({
        kind: fc.constant(kind),
        slug: fc.oneof({ weight: 20, arbitrary: fc.constant(slugs[kind]) }, { weight: 1, arbitrary: fc.constantFrom('takedown', 'CONTENT', '%00', '..', 'content%2F..') }),
        lang: fc.oneof({ weight: 20, arbitrary: fc.constantFrom('en', 'es', 'ar') }, { weight: 1, arbitrary: fc.constantFrom('xx', 'EN', 'en-US', '%F0%9F%98%80', 'a'.repeat(30)) }),
        values: valid.map(defined),
        mutations: fc.array(formMutation, { maxLength: 3 }),
        rawTail: fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom('&%zz=1', '&=x', '&&&', '&name', '&a%=b', '&%E0%A4%A=1', '&x=%FF%FE', '+&+=+') }),
        // The forms post multipart/form-data (with their documents); url-encoded bodies work too.
        multipart: fc.boolean(),
        files: fc.array(fc.record({ filename: filenameArb, type: fc.constantFrom('application/pdf', 'text/html', 'image/png', ''), bytes: fileBytesArb }), { maxLength: 2 }),
        damage: fc.oneof(
          { weight: 4, arbitrary: fc.constant(undefined) },
          { weight: 1, arbitrary: fc.oneof(fc.record({ cut: fc.nat() }), fc.constantFrom('no-closing' as const, 'no-boundary' as const, 'long-boundary' as const, 'empty-boundary' as const)) },
        ),
      });
    });

    await fc.assert(
      fc.asyncProperty(formArb, async ({ kind, slug, lang, values, mutations, rawTail, multipart, files, damage }) => {
        const fields = new URLSearchParams();
        const form = { ...(values as Record<string, string>) };
        const repeated: string[] = [];
        for (const mutation of mutations) {
          if (mutation.op === 'delete') delete form[mutation.field];
          else if (mutation.op === 'set') form[mutation.field] = mutation.value;
          else repeated.push(mutation.field);
        }
        for (const [key, value] of Object.entries(form)) fields.append(key, value);
        for (const key of repeated) fields.append(key, 'again');
        let body: Buffer;
        let contentType: string;
        /** The fields as the server reads them (the first of a repeated name). */
        let parsed: URLSearchParams;
        if (multipart) {
          const boundary = `----CandorFuzz${crypto.createHash('sha1').update(JSON.stringify(form)).digest('hex').slice(0, 16)}`;
          const name = (key: string) => key.replace(/["\r\n\\]/g, '_');
          const parts = [...fields].map(([key, value]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name(key)}"\r\n\r\n${value}\r\n`));
          for (const file of files) {
            parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="${name(file.filename)}"\r\n${file.type ? `Content-Type: ${file.type}\r\n` : ''}\r\n`));
            parts.push(file.bytes, Buffer.from('\r\n'));
          }
          if (damage !== 'no-closing') parts.push(Buffer.from(`--${boundary}--\r\n`));
          body = Buffer.concat(parts);
          if (damage && typeof damage === 'object') body = body.subarray(0, damage.cut % (body.length + 1));
          contentType =
            damage === 'no-boundary' ? 'multipart/form-data' : damage === 'empty-boundary' ? 'multipart/form-data; boundary=' : damage === 'long-boundary' ? `multipart/form-data; boundary=${'b'.repeat(300)}` : `multipart/form-data; boundary=${boundary}`;
          parsed = new URLSearchParams();
          for (const [key, value] of fields) parsed.append(name(key), Buffer.from(value).toString('utf8'));
        } else {
          body = Buffer.from(fields.toString() + (rawTail ?? ''));
          contentType = 'application/x-www-form-urlencoded';
          parsed = new URLSearchParams(body.toString());
        }
        const sent = `${Object.values(form).join('\n')}\n${body.toString()}`;
        let answer: Answer;
        try {
          answer = await send(server.url, { path: `/${lang}/requests/new/${slug}`, headers: { 'content-type': contentType }, body, localAddress: nextAddress() });
        } catch (error) {
          // An oversize body may be answered (413) and the connection closed before it is all sent.
          if (body.length > 1_048_576) return;
          assert.fail(`${String(error)} ${serverState(server)}\nsent ${JSON.stringify(body.toString().slice(0, 2000))}`);
        }
        await assertCleanAnswer(answer, sent, server);
        const kindOfAnswer = `${multipart ? 'multipart' : 'urlencoded'} ${answer.status} ${answer.contentType.split(';')[0]}`;
        tally.formAnswers[kindOfAnswer] = (tally.formAnswers[kindOfAnswer] ?? 0) + 1;
        if (answer.status === 429) {
          tally.formsLimited++;
          return;
        }
        // A form that cannot be read at all (unknown kind, body too large or of another type) is answered by the site's error page.
        if (!answer.contentType.startsWith('text/html') || ![200, 400].includes(answer.status)) {
          assert.ok([400, 404, 413, 415].includes(answer.status), describeExchange(sent, answer));
          return;
        }
        const shownReference: string | undefined = /<p class="reference">([^<]*)<\/p>/.exec(answer.text)?.[1];
        const reference = shownReference && shownReference !== '—' ? shownReference : undefined;
        const honeypot = !!parsed.get('website');
        if (answer.status !== 200) {
          assert.equal(answer.status, 400, describeExchange(sent, answer));
          assert.equal(reference, undefined, `a refused form shows a reference\n${describeExchange(sent, answer)}`);
          tally.formsRefused++;
          return;
        }
        if (honeypot) {
          assert.equal(shownReference, '—', 'a robot is thanked without a reference');
          return;
        }
        if (!reference || !/^CR-\d{4}-\d{6}$/.test(reference)) assert.fail(`a 200 without a reference\n${describeExchange(sent, answer)}`);
        assert.ok(!acknowledged.has(reference), `${reference} was given out twice`);
        const view = await readView(reference);
        assertSafeAttachments(view);
        acknowledged.set(reference, { reference, id: view.id, channel: 'web', form: { kind, lang, values: Object.fromEntries(parsed) } });
        tally.formsStored++;
        assert.equal(view.channel, 'web');
        assert.equal(view.kind, kind);
        assert.equal(view.language, lang);
        const stored = (text: string) => (database.backend === 'pglite' ? asPgliteReadsIt(text) : text);
        assert.equal(view.requester.name, stored(parsed.get('name')!.trim()), 'name');
        assert.equal(view.requester.email, parsed.get('email')!.trim(), 'email');
        const urls = (parsed.get('urls') ?? '').split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
        assert.deepEqual(
          view.targets.filter((target) => target.url !== null).map((target) => target.url),
          urls.map((url) => new URL(url).toString()),
          'the addresses, one target each',
        );
      }),
      { numRuns: 200, seed: SEED, includeErrorInReport: true },
    );
    if (ownAddresses) assert.ok(tally.formsStored > 20, `only ${tally.formsStored} forms were stored`);

    // And from one address, past its hourly allowance: a clean 429 page, nothing stored.
    const address = nextAddress();
    const statuses: number[] = [];
    for (let i = 0; i <= 7; i++) {
      const body = new URLSearchParams({ name: 'Same person', email: 'same@example.org', urls: 'not an address' }).toString();
      const answer = await send(server.url, { path: '/en/requests/new/content', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body, localAddress: address });
      await assertCleanAnswer(answer, body, server);
      statuses.push(answer.status);
    }
    if (ownAddresses) assert.deepEqual(statuses, [400, 400, 400, 400, 400, 400, 429, 429]);
  });

  it('answers a target address whose path escapes are not UTF-8 without a 5xx, by API and by form', async () => {
    for (const url of ['https://en.wikipedia.org/wiki/%ED%A0%80', 'https://en.wikipedia.org/wiki/%FF', 'https://commons.wikimedia.org/wiki/File:%C3%28.jpg']) {
      const request = { kind: 'preservation', requester: { name: 'Desk' }, text: 'Keep the edits of this page.', targets: [{ url }] };
      const sent = JSON.stringify(request);
      const answer = await api('/api/v1/requests', sent);
      await assertCleanAnswer(answer, sent, server);
      if (answer.status === 201) await checkAcknowledged(answer, sent, [request]);

      const form = new URLSearchParams({ name: 'Desk', email: 'desk@police.example', legal_basis: 'Preservation order 12/2026', urls: url }).toString();
      const submitted = await send(server.url, { path: '/en/requests/new/preservation', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form, localAddress: nextAddress() });
      await assertCleanAnswer(submitted, form, server);
      const reference = /<p class="reference">(CR-[^<]*)<\/p>/.exec(submitted.text)?.[1];
      if (submitted.status === 200 && reference) {
        const view = await readView(reference);
        acknowledged.set(reference, { reference, id: view.id, channel: 'web' });
      }
    }
  });

  it('keeps a text that begins with U+FEFF as it was sent', async (t) => {
    if (database.backend === 'pglite') t.todo('PGlite drops a leading U+FEFF when it reads text: new TextDecoder() without ignoreBOM in its protocol reader');
    const request = { kind: 'preservation', requester: { name: '\ufeffBOM first' }, text: '\ufeff\ufeffTwo marks first', targets: [{ url: 'https://en.wikipedia.org/wiki/X' }] };
    const answer = await api('/api/v1/requests', JSON.stringify(request));
    assert.equal(answer.status, 201, answer.text);
    const created = JSON.parse(answer.text) as { id: number; reference: string };
    acknowledged.set(created.reference, { reference: created.reference, id: created.id, channel: 'api', sent: request });
    const view = await readView(created.reference);
    assert.equal(view.text, request.text);
    assert.equal(view.requester.name, request.requester.name);
  });

  it('stores exactly the acknowledged requests, each with its targets, parties, audit event and acknowledgement', async () => {
    // Through the API: every stored request is one that was acknowledged, and the other way round.
    const listed: View[] = [];
    for (let cursor: string | null = null; ; ) {
      const answer = await send(server.url, {
        method: 'GET',
        path: `/api/v1/requests?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        headers: { authorization: `Bearer ${read}` },
      });
      assert.equal(answer.status, 200, answer.text);
      const page = JSON.parse(answer.text) as { items: View[]; next_cursor: string | null };
      listed.push(...page.items);
      cursor = page.next_cursor;
      if (!cursor) break;
    }
    const stray = listed.filter((view) => !acknowledged.has(view.reference));
    assert.deepEqual(
      stray.map((view) => `${view.reference} ${view.channel} ${view.kind}: ${JSON.stringify(view).slice(0, 300)}`),
      [],
      'requests stored without an acknowledgement (partial or refused submissions)',
    );
    assert.equal(listed.length, acknowledged.size, 'every acknowledged request is listed');
    const ids = listed.map((view) => view.id);

    // In the database, after the server has let go of it: nothing half-written anywhere.
    assert.equal(await server.stop(), 0);
    const handle = await database.open();
    try {
      const count = async (table: 'requests' | 'request_targets' | 'request_parties' | 'request_attachments' | 'outbox') =>
        Number((await handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      assert.equal(await count('requests'), listed.length);
      assert.equal(await count('request_targets'), listed.reduce((sum, view) => sum + view.targets.length, 0), 'no target without its request');
      assert.equal(await count('request_parties'), listed.reduce((sum, view) => sum + view.parties.length, 0), 'no party without its request');
      assert.equal(await count('request_attachments'), listed.reduce((sum, view) => sum + (view.attachments?.length ?? 0), 0), 'no attachment without its request');
      assert.equal(await count('outbox'), listed.filter((view) => view.requester.email).length, 'one acknowledgement for each request with an address');
      const events = await handle.db.selectFrom('audit_events').select(['subject_id']).where('action', '=', 'request.created').execute();
      assert.deepEqual(events.map((event) => Number(event.subject_id)).sort((a, b) => a - b), [...ids].sort((a, b) => a - b), 'one audit event per request, and none for refusals');
      const chain = await verifyChain(handle.db);
      assert.ok(chain.ok, `the audit chain is broken: ${JSON.stringify(chain.firstBad)}`);
    } finally {
      await handle.close();
    }
    console.log(`intake properties: ${JSON.stringify({ ...tally, stored: listed.length, seed: SEED })}`);
  });
});
