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

/** Digits, punctuation and spaces that people put around a word to satisfy rules ("password2024!"). */
const DECORATION = /^[\p{N}\p{P}\p{S}\s]+|[\p{N}\p{P}\p{S}\s]+$/gu;

/** Whether the whole password is one short unit said again and again ("monkeymonkey", "abcabcabcabc"). */
function repeatedUnit(text: string): string | undefined {
  const chars = [...text];
  for (let size = 1; size <= chars.length / 2; size++) {
    if (chars.length % size !== 0) continue;
    const unit = chars.slice(0, size).join('');
    if (unit.repeat(chars.length / size) === text) return unit;
  }
  return undefined;
}

/** Whether the characters simply count up or down ("abcdefghijkl", "987654321098" counts as digits run). */
function isSequence(text: string): boolean {
  const points = [...text].map((char) => char.codePointAt(0)!);
  if (points.length < 4) return false;
  const step = points[1]! - points[0]!;
  if (Math.abs(step) !== 1) return false;
  return points.every((point, i) => i === 0 || point - points[i - 1]! === step || (/\d/.test(text[i]!) && Math.abs(point - points[i - 1]!) === 9));
}

/**
 * Whether a password is guessable although not on the list word for word: a listed password with
 * digits or symbols around it, one unit repeated, or a plain sequence of letters or digits.
 * Guessing tools try these right after the list itself (NIST SP 800-63B names repetitive and
 * sequential characters and context words alongside breach lists).
 */
export function isGuessableVariant(password: string): boolean {
  const text = comparable(password);
  const core = text.replace(DECORATION, '');
  if (core !== text && core.length >= 4 && list().has(core)) return true;
  const compact = text.replace(/\s+/g, '');
  const unit = repeatedUnit(compact);
  if (unit && (unit.length <= 3 || list().has(unit) || isSequence(unit))) return true;
  return isSequence(compact);
}
