import { hash, verify, type Algorithm, type Options } from '@node-rs/argon2';

/**
 * Argon2id with OWASP's recommended minimum (19 MiB, two passes, one lane): about 30 ms here.
 * `algorithm: 2` is Argon2id; the package's enum is a `const enum`, which a type-stripping loader cannot inline.
 */
const OPTIONS: Options = { algorithm: 2 as Algorithm, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** Hashes a password as an Argon2id PHC string (salt and parameters inside). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** Whether a password matches a stored hash; a malformed hash never matches. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/** Hashes the dummy password ahead of the first sign-in attempt for an unknown account. */
export function prepareDummyHash(): Promise<string> {
  dummy ??= hashPassword('candor: no account has this password');
  return dummy;
}

/**
 * Spends the time of one verification when there is no account to check, so that an unknown
 * e-mail address takes as long to refuse as a wrong password.
 */
export async function verifyAgainstNothing(password: string): Promise<false> {
  await verifyPassword(await prepareDummyHash(), password);
  return false;
}
