import type { FieldIssue } from '../errors.ts';
import { isBreachedPassword, isGuessableVariant } from './breached-passwords.ts';

/** NIST SP 800-63B: length is what counts; no rules about kinds of characters. */
export const PASSWORD_MIN_LENGTH = 12;
/** Long passphrases are welcome; the limit only keeps hashing cheap. */
export const PASSWORD_MAX_LENGTH = 256;

/** The length a person sees: characters (code points), not UTF-16 units. */
function lengthOf(password: string): number {
  return [...password].length;
}

/**
 * The problems with a new password and its confirmation, as form issues (empty when it is
 * acceptable): long enough, not too long, not one of the commonly breached passwords, typed the
 * same twice. No rules about digits or symbols, which make passwords harder to remember, not to guess.
 */
export function passwordIssues(password: string, confirmation: string): FieldIssue[] {
  const length = lengthOf(password);
  if (length < PASSWORD_MIN_LENGTH) {
    return [{ field: 'password', message: `must be at least ${PASSWORD_MIN_LENGTH} characters`, code: 'auth-password-too-short', params: [PASSWORD_MIN_LENGTH] }];
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return [{ field: 'password', message: `must be at most ${PASSWORD_MAX_LENGTH} characters`, code: 'auth-password-too-long', params: [PASSWORD_MAX_LENGTH] }];
  }
  if (isBreachedPassword(password)) {
    return [{ field: 'password', message: 'is one of the passwords most often found in breaches', code: 'auth-password-breached' }];
  }
  if (isGuessableVariant(password)) {
    return [{ field: 'password', message: 'is too easy to guess (a common password decorated, a repetition or a sequence)', code: 'auth-password-guessable' }];
  }
  if (password !== confirmation) {
    return [{ field: 'confirmation', message: 'does not match the password', code: 'auth-password-mismatch' }];
  }
  return [];
}
