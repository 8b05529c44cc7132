import { DomainError } from '../../errors.ts';
import { DEFAULT_RETRY, sendWithRetry, type RetryPolicy } from '../http-retry.ts';
import type { LumenNotice } from './lumen-payload.ts';

/** Lumen did not take a notice; `detail` says what it answered. */
export class LumenRefusedError extends DomainError {
  constructor(readonly detail: string) {
    super('exports-error-lumen-refused', [detail], `Lumen did not take the notice: ${detail}`);
  }
}

/**
 * Posts one notice to Lumen's `POST /notices` with the submitter's token in the
 * `X-Authentication-Token` header, retrying on 429 and 5xx; returns where Lumen filed it.
 */
export async function postLumenNotice(endpoint: { url: string; token: string }, notice: LumenNotice, retry: RetryPolicy = DEFAULT_RETRY): Promise<{ location: string | null }> {
  const outcome = await sendWithRetry(
    `${endpoint.url.replace(/\/+$/, '')}/notices`,
    {
      method: 'POST',
      headers: { 'x-authentication-token': endpoint.token, accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify(notice),
    },
    retry,
  );
  if (!outcome.ok) throw new LumenRefusedError(`${outcome.error}${outcome.body ? `: ${outcome.body.slice(0, 300)}` : ''}`);
  if (outcome.status < 200 || outcome.status >= 300) throw new LumenRefusedError(`HTTP ${outcome.status}: ${outcome.body.slice(0, 300)}`);
  return { location: outcome.headers.get('location') };
}
