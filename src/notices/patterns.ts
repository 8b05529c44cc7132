/**
 * Detectors of personal data that has a recognisable shape: e-mail addresses (plain and written
 * out, `name [at] domain [dot] org`), phone numbers, identity numbers, IBANs, payment cards and
 * street addresses in English, Spanish and Arabic text. Each returns the ranges it found; the
 * redaction pipeline (redact.ts) merges them and replaces them with markers.
 */

/** A range of the text a detector found, and why. */
export interface Found {
  start: number;
  end: number;
  reason: 'email' | 'phone' | 'id' | 'iban' | 'card' | 'address';
}

/** ASCII, Arabic-Indic and Eastern Arabic-Indic digits: Arabic text writes numbers either way. */
const D = '[0-9\\u0660-\\u0669\\u06F0-\\u06F9]';

function asciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669]/g, (c) => String(c.charCodeAt(0) - 0x0660)).replace(/[\u06F0-\u06F9]/g, (c) => String(c.charCodeAt(0) - 0x06f0));
}

function all(regex: RegExp, text: string, reason: Found['reason'], accept: (match: RegExpExecArray) => boolean = () => true, group = 0): Found[] {
  const found: Found[] = [];
  for (const match of text.matchAll(regex)) {
    if (!accept(match)) continue;
    const value = match[group]!;
    const start = match.index! + (group === 0 ? 0 : match[0].indexOf(value));
    found.push({ start, end: start + value.length, reason });
  }
  return found;
}

// ---------------------------------------------------------------- e-mail

const OPEN = '[\\[({<]';
const CLOSE = '[\\])}>]';
// The lookbehind makes a match start only where a word starts: without it, a long run of letters
// and dots would be tried from every position (quadratic time).
const LOCAL = "(?<![\\p{L}\\p{N}._%+'-])[\\p{L}\\p{N}._%+'-]+";
const LABEL = '[\\p{L}\\p{N}-]+';

const EMAIL = new RegExp(`${LOCAL}@${LABEL}(?:\\.${LABEL})+`, 'gu');
/** `ana [at] example [dot] org`, `ana(at)example.org`, `ana {arroba} example (punto) es`. */
const EMAIL_BRACKETED = new RegExp(
  `${LOCAL}\\s*${OPEN}\\s*(?:at|arroba|@)\\s*${CLOSE}\\s*${LABEL}(?:\\s*(?:${OPEN}\\s*(?:dot|punto|\\.)\\s*${CLOSE}|\\.)\\s*${LABEL})+`,
  'giu',
);
/** `ana at example dot org`: only with a written-out dot, so that "look at this" is left alone. */
const EMAIL_WORDS = /(?<![\p{L}\p{N}._+-])[\p{L}\p{N}._+-]+\s+(?:at|arroba)\s+[\p{L}\p{N}-]+(?:\s+(?:dot|punto)\s+[\p{L}\p{N}-]+)+(?![\p{L}\p{N}])/giu;

export function findEmails(text: string): Found[] {
  return [...all(EMAIL, text, 'email'), ...all(EMAIL_BRACKETED, text, 'email'), ...all(EMAIL_WORDS, text, 'email')];
}

// ---------------------------------------------------------------- IBAN and payment cards

/** The ISO 13616 check: move the first four characters to the end, letters to numbers, mod 97 = 1. */
export function ibanIsValid(candidate: string): boolean {
  const iban = candidate.replace(/[\s\u00A0-]/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const digits = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let remainder = 0;
  for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  return remainder === 1;
}

const IBAN = /(?<![\p{L}\p{N}])[A-Z]{2}\d{2}(?:(?:[ \u00A0-]?[A-Z0-9]{4}){2,7}(?:[ \u00A0-]?[A-Z0-9]{1,3})?|[A-Z0-9]{11,30})(?![\p{L}\p{N}])/gu;
const IBAN_WORD = /(?:IBAN|I\.B\.A\.N\.|آيبان|الآيبان|ايبان)\s*(?:n[º°o]\.?|:)?\s*$/iu;

export function findIbans(text: string): Found[] {
  // A mistyped IBAN is still someone's account: right after the word "IBAN" no checksum is needed.
  return all(IBAN, text, 'iban', (match) => ibanIsValid(match[0]) || IBAN_WORD.test(text.slice(Math.max(0, match.index! - 16), match.index)));
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let value = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) value = value * 2 > 9 ? value * 2 - 9 : value * 2;
    sum += value;
  }
  return sum % 10 === 0;
}

const CARD = new RegExp(`(?<![\\p{L}\\p{N}])${D}{4}(?:[ -]?${D}{4}){2}[ -]?${D}{1,7}(?![\\p{L}\\p{N}])`, 'gu');

export function findCards(text: string): Found[] {
  return all(CARD, text, 'card', (match) => {
    const digits = asciiDigits(match[0]).replace(/\D/g, '');
    return digits.length >= 13 && digits.length <= 19 && luhn(digits);
  });
}

// ---------------------------------------------------------------- identity numbers

/** The words that introduce an identity document's number, in English, Spanish and Arabic. */
const ID_WORDS = [
  'passport(?: number| no\\.?| n[º°o]\\.?)?',
  'national id(?:entity)?(?: card)?(?: number| no\\.?)?',
  'id(?: card)?(?: number| no\\.?)',
  'identity (?:card|document|number)(?: number| no\\.?)?',
  'social security(?: number| no\\.?)?',
  'ssn',
  'national insurance(?: number| no\\.?)?',
  "driver'?s licen[cs]e(?: number| no\\.?)?",
  'tax (?:id|identification number)',
  'tin',
  'dni',
  'nie',
  'nif',
  'nss',
  'curp',
  'rfc',
  'rut',
  'cpf',
  'pasaporte(?: n[º°o]\\.?| número| núm\\.?)?',
  'n[úu]mero de (?:pasaporte|identificaci[óo]n|documento|la seguridad social)',
  'c[ée]dula(?: de identidad| de ciudadan[íi]a)?(?: n[º°o]\\.?)?',
  'documento (?:nacional )?de identidad(?: n[º°o]\\.?)?',
  'رقم جواز السفر',
  'جواز السفر(?: رقم)?',
  'جواز سفر(?: رقم)?',
  'رقم الهوية(?: الوطنية)?',
  'بطاقة الهوية(?: رقم)?',
  'الرقم القومي',
  'الرقم الوطني',
  'رقم البطاقة(?: الشخصية)?',
  'الرقم المدني',
];
const ID_AFTER_WORD = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${ID_WORDS.join('|')})(?![\\p{L}])\\s*(?:[:#=]|is|es|هو|n[º°o]\\.?)?\\s*([A-Z\\u0660-\\u0669\\u06F0-\\u06F9]{0,3}[-\\s]?${D}[A-Z0-9\\u0660-\\u0669\\u06F0-\\u06F9./-]{3,20}(?:[-\\s][A-Z])?)(?![\\p{L}\\p{N}])`,
  'giu',
);

/** Spain's DNI and NIE carry a check letter; a number with the right one is an identity number. */
const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';
const DNI = /(?<![\p{L}\p{N}])([XYZ]?)[- ]?(\d{7,8})[- ]?([A-Z])(?![\p{L}\p{N}])/gu;

const PATTERNED_IDS: RegExp[] = [
  // US social security number.
  /(?<![\p{L}\p{N}-])\d{3}-\d{2}-\d{4}(?![\p{L}\p{N}-])/gu,
  // UK National Insurance number.
  /(?<![\p{L}\p{N}])[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![\p{L}\p{N}])/gu,
  // Mexico's CURP.
  /(?<![\p{L}\p{N}])[A-Z][AEIOUX][A-Z]{2}\d{6}[HM][A-Z]{5}[A-Z0-9]\d(?![\p{L}\p{N}])/gu,
  // Brazil's CPF.
  /(?<![\p{L}\p{N}])\d{3}\.\d{3}\.\d{3}-\d{2}(?![\p{L}\p{N}])/gu,
  // Egypt's 14-digit national number (century digit 2 or 3), in either script of digits.
  new RegExp(`(?<![\\p{L}\\p{N}])[23\\u0662\\u0663]${D}{13}(?![\\p{L}\\p{N}])`, 'gu'),
];

export function findIdentityNumbers(text: string): Found[] {
  const found = all(ID_AFTER_WORD, text, 'id', (match) => asciiDigits(match[1]!).replace(/\D/g, '').length >= 3, 1);
  found.push(
    ...all(DNI, text, 'id', (match) => {
      const number = Number(`${'XYZ'.indexOf(match[1]!) >= 0 ? 'XYZ'.indexOf(match[1]!) : ''}${match[2]}`);
      return (match[1] ? match[2]!.length === 7 : match[2]!.length === 8) && DNI_LETTERS[number % 23] === match[3];
    }),
  );
  for (const regex of PATTERNED_IDS) found.push(...all(regex, text, 'id'));
  return found;
}

// ---------------------------------------------------------------- phone numbers

const PHONE = new RegExp(`(?<![\\p{L}\\p{N}+\\-/.,:§])(?:\\+|00)?\\s?\\(?${D}[${D.slice(1, -1)} ().\\-\\u00A0]{5,22}${D}(?![\\p{L}\\p{N}]|[/:]|[.,]${D}|\\))`, 'gu');
const PHONE_WORD = /(?:phone|tel\.?|telephone|mobile|cell|call|whats ?app|fax|tel[ée]fono|m[óo]vil|celular|n[úu]mero|llame|llamar|هاتف|الهاتف|جوال|الجوال|موبايل|رقم)[^\p{N}]{0,20}$/iu;
const DATE_SHAPE = new RegExp(`${D}{4}[-/.]${D}{1,2}[-/.]${D}{1,2}|${D}{1,2}[-/.]${D}{1,2}[-/.]${D}{2,4}`, 'u');
const THOUSANDS = new RegExp(`^${D}{1,3}(?:[ .\\u00A0]${D}{3})+$`, 'u');
const CURRENCY_BEFORE = /(?:[$€£¥₹]|USD|EUR|GBP|MXN|EGP|US\$)\s*$/u;
const CURRENCY_AFTER = /^\s*(?:[$€£¥₹]|euros?|d[óo]lares|dollars?|pesos|pounds|libras|USD|EUR|GBP|MXN|EGP|جنيه|دولار|يورو|ريال|درهم)/iu;

export function findPhones(text: string): Found[] {
  return all(PHONE, text, 'phone', (match) => {
    const value = match[0].trim();
    const digits = asciiDigits(value).replace(/\D/g, '');
    const international = /^(?:\+|00)/.test(value);
    if (digits.length < (international ? 8 : 9) || digits.length > 15) return false;
    if (DATE_SHAPE.test(value)) return false;
    // A run of digits with no separator is a phone number when written as one (0…, +…) or called one.
    if (!/[\s().\-\u00A0]/.test(value) && !international && !/^[0\u0660\u06F0]/.test(value) && !PHONE_WORD.test(text.slice(Math.max(0, match.index! - 32), match.index))) return false;
    if (THOUSANDS.test(value) && (CURRENCY_BEFORE.test(text.slice(Math.max(0, match.index! - 5), match.index)) || CURRENCY_AFTER.test(text.slice(match.index! + match[0].length)))) return false;
    // Unbalanced brackets belong to a citation such as "512(c)(3)", not to a number.
    if ((value.match(/\(/g) ?? []).length !== (value.match(/\)/g) ?? []).length) return false;
    return true;
  });
}

// ---------------------------------------------------------------- street addresses

const NAME_WORD = "[\\p{Lu}][\\p{L}'’.-]*";
const EN_STREET_TYPES = 'Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Ct|Place|Pl|Square|Sq|Terrace|Way|Highway|Hwy|Parkway|Pkwy|Close|Crescent|Gardens|Row|Mews|Alley';
const UNIT = '(?:,?\\s+(?:Apt|Apartment|Suite|Ste|Unit|Flat|Floor|Fl|Room|Rm)\\.?\\s*#?\\s*[A-Z0-9-]{1,6})?';
const EN_ADDRESS = new RegExp(`(?<![\\p{L}\\p{N}])\\d{1,5}[A-Za-z]?(?:[-–]\\d{1,5})?,?\\s+(?:${NAME_WORD}\\s+){1,4}(?:${EN_STREET_TYPES})(?![\\p{L}])\\.?${UNIT}`, 'gu');
const ES_STREET = "(?:[Cc]/|[Cc]alle|[Aa]vda\\.?|[Aa]venida|[Aa]v\\.|[Pp]laza|[Pp]za\\.?|[Pp]aseo|P[ºo]|[Cc]amino|[Cc]arretera|[Cc]tra\\.?|[Rr]onda|[Tt]ravesía|[Gg]lorieta|[Rr]ambla|[Cc]arrer|[Pp]asseig|[Jj]ir[óo]n|[Cc]arrera|[Cc]ra\\.?|[Dd]iagonal|[Tt]ransversal)";
const ES_ADDRESS = new RegExp(
  `(?<![\\p{L}\\p{N}])${ES_STREET}\\s+(?:(?:de|del|la|las|los|el|y)\\s+|${NAME_WORD}\\s*){1,5}?,?\\s*(?:n\\.?\\s?[º°o]\\.?|núm\\.?|número|#)?\\s*\\d{1,5}[A-Za-z]?(?:\\s*(?:-|,)\\s*(?:\\d{1,2}\\s*[º°ª]\\s*[A-Z]?|piso\\s+\\d+|puerta\\s+\\w+|bajo|esc\\.?\\s*\\w+|\\d{1,2}\\s*[A-Z]))*(?:,?\\s*\\d{5}(?:\\s+${NAME_WORD})?)?`,
  'gu',
);
const AR_WORD = '[\\u0621-\\u064A\\u0671-\\u06D3]+';
const AR_NOT_NAME = '(?!(?:في|من|إلى|الى|على|عن|مع|قرب|بجوار|حيث|التي|الذي)(?![\\u0621-\\u064A]))';
const AR_ADDRESS = new RegExp(
  `(?:(?<![\\p{L}\\p{N}])${D}{1,5}\\s+)?(?<![\\p{L}])(?:شارع|طريق|ميدان|جادة|زقاق|حي|عمارة)\\s+${AR_NOT_NAME}${AR_WORD}(?:\\s+${AR_NOT_NAME}${AR_WORD})?(?:\\s*[,،]?\\s*(?:رقم\\s*)?${D}{1,5})?`,
  'gu',
);
const PO_BOX = new RegExp(`(?<![\\p{L}])(?:P\\.?\\s?O\\.?\\s?Box|Apartado(?: de [Cc]orreos)?|Apdo\\.?|صندوق بريد|ص\\.\\s?ب\\.?)\\s*(?:n[º°o]\\.?\\s*)?${D}{1,8}`, 'giu');
const UK_POSTCODE = /(?<![\p{L}\p{N}])[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2}(?![\p{L}\p{N}])/gu;
const US_ZIP = /(?<=,\s?)[A-Z]{2}\s+\d{5}(?:-\d{4})?(?![\p{L}\p{N}])/gu;

export function findAddresses(text: string): Found[] {
  return [EN_ADDRESS, ES_ADDRESS, AR_ADDRESS, PO_BOX, UK_POSTCODE, US_ZIP].flatMap((regex) => all(regex, text, 'address', (match) => match[0].trim().length > 4));
}

/** Every shaped detector, in one list. */
export function findShapedData(text: string): Found[] {
  return [...findEmails(text), ...findIbans(text), ...findCards(text), ...findIdentityNumbers(text), ...findPhones(text), ...findAddresses(text)];
}
