declare module 'banana-i18n' {
  export default class Banana {
    constructor(locale: string, options?: { finalFallback?: string; messages?: Record<string, unknown>; wikilinks?: boolean });
    locale: string;
    load(messages: Record<string, unknown>, locale?: string): void;
    setLocale(locale: string): void;
    i18n(key: string, ...params: unknown[]): string;
  }
}
