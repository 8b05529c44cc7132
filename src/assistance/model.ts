/** The states of a legal-help case, from the contributor's first message to its end. */
export const CASE_STATES = ['received', 'assessing', 'referred', 'funded', 'closed', 'declined'] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** States a case is finished in; the console's default list leaves them out. */
export const FINISHED_STATES: readonly CaseState[] = ['closed', 'declined'];

/** What the contributor is facing. */
export const THREAT_KINDS = ['lawsuit', 'criminal_complaint', 'threat_letter', 'government_pressure', 'harassment', 'other'] as const;
export type ThreatKind = (typeof THREAT_KINDS)[number];

/** The contributor's part in the project the threat is about. */
export const CONTRIBUTOR_ROLES = ['editor', 'administrator', 'photographer', 'developer', 'other'] as const;
export type ContributorRole = (typeof CONTRIBUTOR_ROLES)[number];

export const ELIGIBILITIES = ['pending', 'eligible', 'ineligible'] as const;
export type Eligibility = (typeof ELIGIBILITIES)[number];

/** Formats a case's public reference: `LA-2026-000001`. */
export function formatCaseReference(year: number, serial: number): string {
  return `LA-${year}-${String(serial).padStart(6, '0')}`;
}

/** Whether a string has the form of a case reference. */
export function isCaseReference(value: string): boolean {
  return /^LA-\d{4}-\d{6,}$/.test(value);
}

/** Whether a string has the form of a request reference (`CR-2026-000123`). */
export function isRequestReference(value: string): boolean {
  return /^CR-\d{4}-\d{6,}$/.test(value);
}

const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

/** The ISO 4217 currency codes the runtime's ICU knows, sorted. */
export function currencyCodes(): string[] {
  return [...CURRENCIES].sort();
}

/** Whether a code is an ISO 4217 currency, upper case only. */
export function isCurrency(code: string): boolean {
  return CURRENCIES.has(code);
}

/** How many decimals a currency's amounts have (EUR 2, JPY 0, BHD 3). */
export function minorUnits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}
