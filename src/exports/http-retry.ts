/** How a client retries: attempts in all, and the backoff between them. */
export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Waits; replaced in tests by nothing else than a shorter policy. */
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 1_000, maxDelayMs: 60_000 };

/** What came back from the last attempt: a response, or the network error that stood in its way. */
export type Outcome = { ok: true; status: number; body: string; headers: Headers } | { ok: false; error: string; status?: number; body?: string };

const sleeper = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Seconds or an HTTP date, as Retry-After carries them, in milliseconds from now. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1_000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const retryable = (status: number) => status === 429 || status >= 500;

/**
 * Sends one JSON request, retrying on 429 and 5xx and on network failures with exponential
 * backoff (doubling from the base, capped, Retry-After honoured when the server gives one).
 * Returns the final response, which may still be a failure for the caller to record.
 */
export async function sendWithRetry(url: string, init: { method: string; headers: Record<string, string>; body: string }, policy: RetryPolicy = DEFAULT_RETRY): Promise<Outcome> {
  const sleep = policy.sleep ?? sleeper;
  let last: Outcome = { ok: false, error: 'not sent' };
  for (let attempt = 0; attempt < policy.attempts; attempt++) {
    let wait = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
    try {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
      const body = await response.text();
      if (!retryable(response.status)) return { ok: true, status: response.status, body, headers: response.headers };
      last = { ok: false, error: `HTTP ${response.status}`, status: response.status, body };
      const asked = retryAfterMs(response.headers.get('retry-after'));
      if (asked !== undefined) wait = Math.min(policy.maxDelayMs, asked);
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      last = { ok: false, error: cause ?? (error instanceof Error ? error.message : String(error)) };
    }
    if (attempt < policy.attempts - 1) await sleep(wait);
  }
  return last;
}
