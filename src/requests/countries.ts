/**
 * ISO 3166-1 alpha-2 country codes as CLDR knows them (through Intl), with Kosovo's
 * user-assigned XK kept and CLDR's non-country regions, reserved and withdrawn codes removed.
 */
const NOT_COUNTRIES = new Set([
  // exceptionally reserved or used only in CLDR for territories without their own code
  'AC', 'CP', 'CQ', 'DG', 'EA', 'IC', 'TA',
  // macro-regions and private-use codes
  'EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ',
  // withdrawn codes CLDR still names for old data
  'AN', 'BU', 'CS', 'DD', 'DY', 'FX', 'HV', 'NH', 'RH', 'SU', 'TP', 'UK', 'VD', 'YD', 'YU', 'ZR',
]);

function buildCountryCodes(): ReadonlySet<string> {
  const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const codes = new Set<string>();
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (!NOT_COUNTRIES.has(code) && names.of(code) !== undefined) codes.add(code);
    }
  }
  return codes;
}

export const COUNTRY_CODES: ReadonlySet<string> = buildCountryCodes();

/** Whether a string is a country code CLDR knows, upper case only. */
export function isCountryCode(code: string): boolean {
  return COUNTRY_CODES.has(code);
}
