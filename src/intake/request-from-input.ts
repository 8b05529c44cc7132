import { MAX_ATTACHMENT_BYTES } from '../attachments/limits.ts';
import type { FieldIssue } from '../errors.ts';
import { isCountryCode } from '../requests/countries.ts';
import type { NewRequest } from '../requests/create-requests.ts';
import { CATEGORIES_BY_KIND, isCategoryOf, type Channel, type TargetType } from '../requests/model.ts';
import { isProjectName, projectOfUrl } from '../requests/projects.ts';
import { RequestInput, type RequestInputValue } from './request-input.ts';
import { checkSchema } from './validate-input.ts';

/** What a URL points at, from its path: a file, a revision, or a page. */
function targetTypeOfUrl(url: URL): TargetType {
  let path = url.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    // escapes that are not UTF-8: judge the path as written
  }
  if (/^\/wiki\/(File|Image|Datei|Archivo|Fichier|ملف):/i.test(path)) return 'file';
  if (url.searchParams.has('oldid') || url.searchParams.has('diff')) return 'revision';
  return 'page';
}

/** The checks the schema cannot express: categories per kind, known countries, usable targets. */
function semanticIssues(input: RequestInputValue): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (input.category && !isCategoryOf(input.kind, input.category)) {
    const allowed = CATEGORIES_BY_KIND[input.kind].join(', ');
    issues.push(
      allowed
        ? { field: 'category', message: `"${input.category}" does not apply to ${input.kind}; expected one of ${allowed}`, code: 'field-category-of-kind', params: [input.category, input.kind, allowed] }
        : { field: 'category', message: `must be empty for ${input.kind}`, code: 'field-category-none', params: [input.kind] },
    );
  }
  const countries: [string, string | null | undefined][] = [
    ['requester.country', input.requester.country],
    ...(input.parties ?? []).map((party, i) => [`parties[${i}].country`, party.country] as [string, string | null | undefined]),
  ];
  for (const [field, country] of countries) {
    if (country && !isCountryCode(country)) {
      issues.push({ field, message: `"${country}" is not an ISO 3166-1 alpha-2 country code`, code: 'field-country', params: [country] });
    }
  }
  input.targets.forEach((target, i) => {
    if (!target.url && !target.account) {
      issues.push({ field: `targets[${i}]`, message: 'needs a url or an account', code: 'field-target-empty' });
    }
    if (target.url) {
      let url: URL | undefined;
      try {
        url = new URL(target.url);
      } catch {
        url = undefined;
      }
      if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || !isProjectName(url.hostname.toLowerCase())) {
        issues.push({ field: `targets[${i}].url`, message: 'must be the http(s) address of a page, revision or file', code: 'field-target-url' });
      }
    }
    if (target.project && !isProjectName(target.project.toLowerCase())) {
      issues.push({ field: `targets[${i}].project`, message: 'must be a project host name such as en.wikipedia.org', code: 'field-project' });
    }
  });
  if (input.counter_notice_to && !(input.kind === 'copyright' && input.category === 'counter_notice')) {
    issues.push({ field: 'counter_notice_to', message: 'only a copyright counter-notice answers another notice', code: 'field-counter-notice-to' });
  }
  (input.attachments ?? []).forEach((attachment, i) => {
    const bytes = Math.floor((attachment.content_base64.length * 3) / 4) - (attachment.content_base64.match(/=*$/)?.[0].length ?? 0);
    if (attachment.content_base64.length % 4 !== 0) {
      issues.push({ field: `attachments[${i}].content_base64`, message: 'is not valid base64', code: 'field-base64' });
    } else if (bytes > MAX_ATTACHMENT_BYTES) {
      issues.push({ field: `attachments[${i}]`, message: `is larger than ${MAX_ATTACHMENT_BYTES} bytes`, code: 'field-attachment-size', params: [MAX_ATTACHMENT_BYTES] });
    }
  });
  if (input.received_at && Number.isNaN(Date.parse(input.received_at))) {
    issues.push({ field: 'received_at', message: 'must be a valid date-time', code: 'field-format', params: ['date-time'] });
  }
  return issues;
}

/** The rules of a request that its schema cannot express, for a value that already matches the schema. */
export function checkRequestRules(input: RequestInputValue): FieldIssue[] {
  return semanticIssues(input);
}

/** Validates an untrusted value against the request schema and the rules behind it. */
export function validateRequestInput(value: unknown): { ok: true; input: RequestInputValue } | { ok: false; issues: FieldIssue[] } {
  const issues = checkSchema(RequestInput, value);
  if (issues.length > 0) return { ok: false, issues };
  const input = value as RequestInputValue;
  const more = semanticIssues(input);
  return more.length > 0 ? { ok: false, issues: more } : { ok: true, input };
}

/** Turns a validated input into the record every channel stores; the counter-notice link is resolved by the caller. */
export function requestFromInput(input: RequestInputValue, channel: Channel, now = new Date()): NewRequest {
  return {
    externalId: input.external_id ?? null,
    kind: input.kind,
    category: input.category ?? null,
    channel,
    receivedAt: input.received_at ? new Date(input.received_at) : now,
    requester: {
      name: input.requester.name ?? null,
      organization: input.requester.organization ?? null,
      email: input.requester.email ?? null,
      type: input.requester.type ?? null,
      country: input.requester.country ?? null,
    },
    jurisdiction: input.jurisdiction ?? null,
    lawsCited: input.laws_cited ?? [],
    originalText: input.text,
    attachments: (input.attachments ?? []).map((attachment) => ({
      filename: attachment.filename,
      declaredType: attachment.content_type ?? null,
      content: Buffer.from(attachment.content_base64, 'base64'),
    })),
    parties: (input.parties ?? []).map((party) => ({ ...party })),
    targets: input.targets.map((target) => {
      if (target.url) {
        const url = new URL(target.url);
        return { type: targetTypeOfUrl(url), url: url.toString(), project: projectOfUrl(target.url), account: target.account ?? null };
      }
      return { type: 'account' as const, url: null, project: target.project?.toLowerCase() ?? null, account: target.account ?? null };
    }),
  };
}
