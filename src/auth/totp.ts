import { Secret, TOTP } from 'otpauth';

/** RFC 6238 as every authenticator app understands it: SHA-1, six digits, thirty seconds. */
const PERIOD_S = 30;
const DIGITS = 6;
/** One step either side: a code from the previous or next 30 seconds still counts (clock drift, typing time). */
const WINDOW = 1;
export const TOTP_ISSUER = 'Candor';

/** A new random TOTP secret (160 bits, RFC 4226's recommendation), base32 as apps expect it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secret: string, label = 'staff'): TOTP {
  return new TOTP({ issuer: TOTP_ISSUER, label, algorithm: 'SHA1', digits: DIGITS, period: PERIOD_S, secret: Secret.fromBase32(secret) });
}

/** The otpauth:// URI an authenticator app reads (from the QR code or pasted). */
export function totpUri(secret: string, email: string): string {
  return totp(secret, email).toString();
}

/** The time step (RFC 6238's T) of an instant. */
export function totpStep(now = new Date()): number {
  return Math.floor(now.getTime() / 1000 / PERIOD_S);
}

/**
 * Checks a code against a secret and returns the time step it belongs to, or null. A code of a
 * step at or before `lastStep` (the last one accepted for this account) is refused, so a code
 * seen over someone's shoulder or replayed from a log cannot be used again.
 */
export function verifyTotp(secret: string, code: string, lastStep: number | null, now = new Date()): number | null {
  const token = code.replace(/[\s-]/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(secret).validate({ token, timestamp: now.getTime(), window: WINDOW });
  if (delta === null) return null;
  const step = totpStep(now) + delta;
  if (lastStep !== null && step <= lastStep) return null;
  return step;
}

/** The current code of a secret (for tests and the demo; never shown to staff). */
export function currentTotp(secret: string, now = new Date()): string {
  return totp(secret).generate({ timestamp: now.getTime() });
}
