import fs from 'node:fs';
import path from 'node:path';

const LIST = path.join(import.meta.dirname, 'breached-passwords', 'passwords.txt');

let known: Set<string> | undefined;

/** The shipped list, read once on first use (about 30,000 entries, lower case). */
function list(): Set<string> {
  known ??= new Set(fs.readFileSync(LIST, 'utf8').split('\n').filter((line) => line.length > 0));
  return known;
}

/** The form a password is compared in: Unicode-normalised and lower case, so "QWERTYUIOPASDF" counts as breached too. */
export function comparable(password: string): string {
  return password.normalize('NFKC').toLowerCase();
}

/**
 * Whether a password is one of the most common passwords of a public breach corpus (see the
 * README beside the list). Attackers try these first, whatever the rules say about length.
 */
export function isBreachedPassword(password: string): boolean {
  return list().has(comparable(password));
}

/** How many passwords the shipped list holds. */
export function breachedPasswordCount(): number {
  return list().size;
}
