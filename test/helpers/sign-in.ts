import assert from 'node:assert/strict';
import { currentTotp } from '../../src/auth/totp.ts';
import { runCli } from './cli.ts';

/**
 * An authenticator app for a test: hands out codes of steps the server has not seen yet (a code
 * is accepted once, and only one step either side of now), waiting for the next step when the
 * three usable ones are spent.
 */
export class TestAuthenticator {
  last: number | null = null;
  constructor(readonly secret: string) {}

  async code(): Promise<string> {
    for (;;) {
      const now = Date.now();
      const step = Math.floor(now / 30_000);
      const intoStep = now % 30_000;
      // The previous step only while far enough from the next boundary that it is still in the window when the server checks.
      const candidates = [...(intoStep < 25_000 ? [step - 1] : []), step, step + 1];
      const usable = candidates.find((candidate) => this.last === null || candidate > this.last);
      if (usable !== undefined) {
        this.last = usable;
        return currentTotp(this.secret, new Date(usable * 30_000 + 1));
      }
      await new Promise((resolve) => setTimeout(resolve, 30_000 - intoStep + 1_500));
    }
  }

  /** A code the server has already accepted (or would refuse as old): the last one handed out. */
  replay(): string {
    if (this.last === null) throw new Error('no code handed out yet');
    return currentTotp(this.secret, new Date(this.last * 30_000 + 1));
  }
}

/** The token of a one-time link printed by `candor user add` (whatever PUBLIC_URL it starts with). */
export function linkToken(printed: string): string {
  const match = /\/console\/welcome\/([A-Za-z0-9_-]{40,})\s*$/.exec(printed.trim());
  if (!match) throw new Error(`no one-time link in ${JSON.stringify(printed)}`);
  return match[1]!;
}

/** Adds a staff account with `candor user add`, as an administrator would; gives the token of its one-time link. */
export async function addStaffByCli(env: Record<string, string>, email: string, role: string): Promise<string> {
  const added = await runCli(['user', 'add', email, '--role', role], env);
  assert.equal(added.status, 0, added.stderr);
  return linkToken(added.stdout);
}

/** The TOTP secret a welcome page shows (the text key, without the spaces that group it). */
export function shownSecret(html: string): string {
  const match = /<code class="ltr secret"[^>]*>([A-Z2-7 ]+)<\/code>/.exec(html);
  if (!match) throw new Error('no TOTP key on the page');
  return match[1]!.replace(/ /g, '');
}

/** The CSRF token a console page's forms carry. */
export function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF field on the page');
  return match[1]!;
}

/** The session cookie a response sets, as `name=value` for a Cookie header, with its attributes parsed. */
export function sessionCookie(response: Response): { header: string; attributes: Map<string, string>; raw: string } | undefined {
  const raw = response.headers.getSetCookie().find((cookie) => cookie.startsWith('__Host-candor-session='));
  if (!raw) return undefined;
  const [pair, ...rest] = raw.split(';').map((part) => part.trim());
  const attributes = new Map(rest.map((part) => {
    const [name, ...value] = part.split('=');
    return [name!.toLowerCase(), value.join('=')];
  }));
  return { header: pair!, attributes, raw };
}
