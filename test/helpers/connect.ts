import { createHash } from 'node:crypto';

/** The proof-of-work challenge a public form carries in `data-pow`, solved as the page's script would. */
export function solvePow(html: string): string {
  const attribute = /data-pow="([^"]*)"/.exec(html)?.[1];
  if (!attribute) throw new Error('the page has no proof-of-work challenge');
  const challenge = JSON.parse(attribute.replace(/&quot;/g, '"').replace(/&amp;/g, '&')) as { algorithm: string; challenge: string; maxnumber: number; salt: string; signature: string };
  for (let number = 0; number <= challenge.maxnumber; number++) {
    if (createHash('sha256').update(challenge.salt + number).digest('hex') === challenge.challenge) {
      return Buffer.from(JSON.stringify({ algorithm: challenge.algorithm, challenge: challenge.challenge, number, salt: challenge.salt, signature: challenge.signature })).toString('base64');
    }
  }
  throw new Error('no solution found');
}

/** Fills and sends the newsletter sign-up as a browser with its script would: the page first, then the form with the solved proof. */
export async function signUpOverHttp(base: string, lang: string, fields: Record<string, string>): Promise<Response> {
  const page = await (await fetch(`${base}/${lang}/connect`)).text();
  return fetch(`${base}/${lang}/connect`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ language: lang, name: '', website: '', ...fields, altcha: solvePow(page) }).toString(),
  });
}

/** The links of a Connect message's text: its confirmation link and its unsubscribe link. */
export function linksIn(text: string): { confirm?: string; unsubscribe?: string } {
  return {
    confirm: /https?:\/\/\S+\/connect\/confirm\?token=[A-Za-z0-9_%.-]+/.exec(text)?.[0],
    unsubscribe: /https?:\/\/\S+\/connect\/unsubscribe\?token=[A-Za-z0-9_%.-]+/.exec(text)?.[0],
  };
}
