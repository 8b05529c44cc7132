import type { FieldIssue } from '../errors.ts';
import { checkRequestRules, validateRequestInput } from '../intake/request-from-input.ts';
import { TargetInput, type RequestInputValue } from '../intake/request-input.ts';
import { checkSchema } from '../intake/validate-input.ts';
import type { Kind } from '../requests/model.ts';
import { isProjectName } from '../requests/projects.ts';
import type { InboundMessage } from './parse-message.ts';

const MAX_TARGETS = 100;
const MAX_TEXT = 200_000;

// The guess is only a starting point for triage; it errs towards the kinds whose deadlines are
// shortest. A plain mention of an emergency still loses to the words of a copyright notice or a
// demand for user data, since such notices often call themselves urgent.
const LIFE_AT_RISK = /\b(threat(s|ened|ening)? to (\w+ )?(life|lives)|(life|lives) (is |are )?(at risk|in danger)|suicid\w*|self[- ]harm\w*|kill (my|him|her|them)sel(f|ves)|imminent (danger|harm|threat)|emergency disclosure)\b|amenaza de muerte|suicidio|انتحار|تهديد بالقتل/i;
const USER_DATA = /\b(subpoena\w*|user'?s? data|user information|ip[- ]address(es)?|search warrant|identity of the (user|editor|account)|account (holder )?information)\b|datos de(l)? usuario|direcci[oó]n ip|عنوان IP|بيانات المستخدم/i;
const COPYRIGHT = /\b(dmca|copyright\w*|copyrighted|infring\w*|17 u\.?s\.?c\.? ?§* ?512)\b|derechos de autor|حقوق (النشر|الطبع|المؤلف)/i;
const EMERGENCY = /\bemergenc(y|ies)\b|emergencia|طوارئ/i;

/** The kind of request an e-mail most likely is, from its words; content alteration when nothing says otherwise. */
export function guessKind(text: string): Kind {
  if (LIFE_AT_RISK.test(text)) return 'emergency';
  if (USER_DATA.test(text)) return 'user_data';
  if (COPYRIGHT.test(text)) return 'copyright';
  if (EMERGENCY.test(text)) return 'emergency';
  return 'content_alteration';
}

/** Drops what ends a URL in prose: trailing punctuation, and a closing bracket that was never opened. */
function trimUrl(candidate: string): string {
  let url = candidate;
  for (;;) {
    const before = url;
    url = url.replace(/[.,;:!?'"»›”’*]+$/u, '');
    for (const [open, close] of [['(', ')'], ['[', ']']] as const) {
      if (url.endsWith(close) && url.split(open).length < url.split(close).length) url = url.slice(0, -1);
    }
    if (url === before) return url;
  }
}

/**
 * The http(s) addresses an e-mail names, as request targets: normalised, each once, at most
 * MAX_TARGETS, and only those the request schema and its rules accept (a host name, at most
 * 2,048 characters), so that a stray address never makes the message itself unusable.
 */
export function findTargetUrls(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/https?:\/\/[^\s<>"]+/gi)) {
    let url: URL;
    try {
      url = new URL(trimUrl(match[0]));
    } catch {
      continue;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
    if (!isProjectName(url.hostname.toLowerCase())) continue;
    if (checkSchema(TargetInput, { url: url.href }).length > 0) continue;
    if (!found.includes(url.href)) found.push(url.href);
    if (found.length === MAX_TARGETS) break;
  }
  return found;
}

/**
 * Turns a new e-mail into the one request schema every channel produces. The subject takes part
 * in the guess of the kind; the text is the body (cut at the schema's limit: the whole body
 * stays in the stored message).
 */
export function requestInputFromMessage(message: InboundMessage, options: { receivedAt: Date; noText: string }): RequestInputValue {
  const body = message.text.trim();
  const text = [...(body || message.subject?.trim() || options.noText)].slice(0, MAX_TEXT).join('');
  const input: RequestInputValue = {
    kind: guessKind(`${message.subject ?? ''}\n${message.text}`),
    received_at: options.receivedAt.toISOString(),
    requester: { name: message.sender?.name ?? null, email: message.sender?.address ?? null },
    text,
    targets: findTargetUrls(message.text).map((url) => ({ url })),
  };
  if (message.language) input.language = message.language;
  return input;
}

/**
 * Validates an e-mail's request input with the one schema and its rules, with one exception: an
 * e-mail that names no page is still a request (a demand about an account, or one that only
 * says "the article about me"), so the rule of at least one target is waived for it and its
 * targets are left for triage to fill in.
 */
export function validateEmailInput(input: RequestInputValue): { ok: true; input: RequestInputValue } | { ok: false; issues: FieldIssue[] } {
  const result = validateRequestInput(input);
  if (result.ok) return result;
  const waived = (issue: FieldIssue) => input.targets.length === 0 && issue.field === 'targets' && issue.code === 'field-min-items';
  if (result.issues.some((issue) => !waived(issue))) return { ok: false, issues: result.issues.filter((issue) => !waived(issue)) };
  // The schema held but for the waived rule: the rules behind it still apply.
  const more = checkRequestRules(input);
  return more.length === 0 ? { ok: true, input } : { ok: false, issues: more };
}
