import net from 'node:net';
import path from 'node:path';

/** Candor's configuration, read once from the environment at start-up. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  publicUrl: string;
  smtpUrl: string | undefined;
  inboundSmtpPort: number | undefined;
  /** The sender of Candor's mail; defaults to legal@ the host of PUBLIC_URL. */
  mailFrom: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** PostgreSQL's shared_buffers for the embedded database; the main lever on its memory. */
  pgliteSharedBuffers: string;
  /** The EU DSA Transparency Database's API base (statements go to `/statements` under it) and the platform's token. */
  dsaSor: { url: string; token: string } | undefined;
  /** Lumen's address (notices go to `/notices`) and the submitter's token. */
  lumen: { url: string; token: string } | undefined;
  /** Where the public site's donate link points; no link at all when unset. */
  donateUrl: string | undefined;
  /**
   * The language shown beside the reader's in section headings ("News — Noticias"); unset means
   * English beside other languages and Spanish beside English.
   */
  secondLanguage: string | undefined;
  /**
   * Who may read /metrics: a bearer token (METRICS_TOKEN), and the client addresses or CIDR ranges
   * (METRICS_ALLOW, loopback by default, `none` for no address) allowed without one.
   */
  metrics: { token: string | undefined; allow: string[] };
  /**
   * The reverse proxies whose X-Forwarded-For (and -Proto, -Host) Candor believes (TRUST_PROXY:
   * addresses or CIDR ranges), so that rate limits and the metrics allow-list see the client, not
   * the proxy. Empty: no proxy is trusted, and the connection's own address is the client's.
   */
  trustProxy: string[];
  /** Sister sites' RSS or Atom feeds for "Elsewhere" (ELSEWHERE_FEEDS), and how often they are fetched. */
  elsewhere: { feeds: { name: string; url: string }[]; intervalMs: number };
}

/** Raised when an environment variable holds a value Candor cannot use; names the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Reads a TCP port; 0 (where allowed) asks the system for any free port. */
function readPort(env: NodeJS.ProcessEnv, name: string, fallback?: number, lowest = 1): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < lowest || Number(raw) > 65535) {
    throw new ConfigError(name, `must be a port number between ${lowest} and 65535, got "${raw}"`);
  }
  return Number(raw);
}

function readUrl(env: NodeJS.ProcessEnv, name: string, protocols: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `must be a URL (${protocols.join(', ')}), got "${redactUrl(raw)}"`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(name, `must use ${protocols.join(' or ')}, got "${url.protocol}"`);
  }
  return raw;
}

/** Hides a password in a URL so that configuration errors never print secrets. */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return raw.replace(/:[^:@/]*@/, ':***@');
  }
}

/** Reads an endpoint and its token, which come together or not at all. */
function readEndpoint(env: NodeJS.ProcessEnv, urlName: string, tokenName: string): { url: string; token: string } | undefined {
  const url = readUrl(env, urlName, ['https:', 'http:']);
  const token = env[tokenName] || undefined;
  if (url && !token) throw new ConfigError(tokenName, `must be set when ${urlName} is`);
  if (token && !url) throw new ConfigError(urlName, `must be set when ${tokenName} is`);
  if (token && /[\s]/.test(token)) throw new ConfigError(tokenName, 'must not contain spaces or line breaks');
  return url && token ? { url: url.replace(/\/+$/, ''), token } : undefined;
}

/** The addresses that may read /metrics without a token when METRICS_ALLOW is unset. */
export const METRICS_ALLOW_DEFAULT = ['127.0.0.0/8', '::1/128'];

/** Reads a list of IP addresses or CIDR ranges (`10.0.0.0/8`, `fd00::/8`), comma-separated, or `none`. */
function readAddressList(env: NodeJS.ProcessEnv, name: string, fallback: string[]): string[] {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  if (raw.trim() === 'none') return [];
  return raw.split(',').map((entry) => {
    const value = entry.trim();
    const [address = '', prefix, ...rest] = value.split('/');
    const family = net.isIP(address);
    const widest = family === 6 ? 128 : 32;
    const bits = prefix === undefined ? widest : /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
    if (family === 0 || rest.length > 0 || !(bits >= 0 && bits <= widest)) {
      throw new ConfigError(name, `must list IP addresses or CIDR ranges separated by commas (such as 127.0.0.1,10.0.0.0/8), or none; "${value}" is not one`);
    }
    return `${address}/${bits}`;
  });
}

/** Reads METRICS_TOKEN: long enough not to be guessed, and sendable in an Authorization header. */
function readMetricsToken(env: NodeJS.ProcessEnv): string | undefined {
  const token = env.METRICS_TOKEN || undefined;
  if (token !== undefined && !/^[\x21-\x7e]{24,}$/.test(token)) {
    throw new ConfigError('METRICS_TOKEN', 'must be at least 24 printable characters without spaces (for example, the output of `openssl rand -hex 24`)');
  }
  return token;
}

/** Parses the environment into a typed configuration, or throws a ConfigError naming the variable at fault. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = readPort(env, 'PORT', 8080, 0)!;
  const host = env.HOST || '127.0.0.1';
  const dataDir = path.resolve(env.DATA_DIR || './data');
  const databaseUrl = readUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const publicUrl =
    readUrl(env, 'PUBLIC_URL', ['http:', 'https:']) ??
    `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const smtpUrl = readUrl(env, 'SMTP_URL', ['smtp:', 'smtps:']);
  const inboundSmtpPort = readPort(env, 'INBOUND_SMTP_PORT', undefined, 0);
  const mailFrom = env.MAIL_FROM || `legal@${new URL(publicUrl).hostname.replace(/^\[|\]$/g, '') || 'localhost'}`;
  if (!/^[^\s@<>]+@[^\s@<>]+$/.test(mailFrom) && !/^[^<>]*<[^\s@<>]+@[^\s@<>]+>$/.test(mailFrom)) {
    throw new ConfigError('MAIL_FROM', `must be an e-mail address such as legal@example.org, got "${mailFrom}"`);
  }
  const logLevel = (env.LOG_LEVEL || 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  }
  const pgliteSharedBuffers = env.PGLITE_SHARED_BUFFERS || '32MB';
  if (!/^\d+(kB|MB|GB)$/.test(pgliteSharedBuffers)) {
    throw new ConfigError('PGLITE_SHARED_BUFFERS', `must be a size such as 32MB, got "${pgliteSharedBuffers}"`);
  }
  const donateUrl = readUrl(env, 'DONATE_URL', ['https:', 'http:']);
  const secondLanguage = env.SECOND_LANGUAGE || undefined;
  if (secondLanguage !== undefined && secondLanguage !== 'none' && !/^[a-z]{2,3}$/.test(secondLanguage)) {
    throw new ConfigError('SECOND_LANGUAGE', `must be a language code such as es, or none, got "${secondLanguage}"`);
  }
  const elsewhere = { feeds: readFeeds(env), intervalMs: readMinutes(env, 'ELSEWHERE_INTERVAL_MINUTES', 30) * 60_000 };
  return {
    port,
    host,
    dataDir,
    databaseUrl,
    publicUrl: publicUrl.replace(/\/+$/, ''),
    smtpUrl,
    inboundSmtpPort,
    mailFrom,
    logLevel,
    pgliteSharedBuffers,
    dsaSor: readEndpoint(env, 'DSA_SOR_URL', 'DSA_SOR_TOKEN'),
    lumen: readEndpoint(env, 'LUMEN_URL', 'LUMEN_TOKEN'),
    donateUrl,
    secondLanguage,
    metrics: { token: readMetricsToken(env), allow: readAddressList(env, 'METRICS_ALLOW', METRICS_ALLOW_DEFAULT) },
    trustProxy: readAddressList(env, 'TRUST_PROXY', []),
    elsewhere,
  };
}

function readMinutes(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d{1,5}$/.test(raw) || Number(raw) < 1) throw new ConfigError(name, `must be a whole number of minutes, at least 1, got "${raw}"`);
  return Number(raw);
}

/**
 * ELSEWHERE_FEEDS: the feeds of sister sites, as a comma-separated list of `Name=URL`, or as a
 * JSON array of `{"name", "url"}` (for names that hold a comma). Only http and https addresses.
 */
function readFeeds(env: NodeJS.ProcessEnv): { name: string; url: string }[] {
  const raw = (env.ELSEWHERE_FEEDS ?? '').trim();
  if (!raw) return [];
  let entries: { name: unknown; url: unknown }[];
  if (raw.startsWith('[')) {
    try {
      entries = JSON.parse(raw) as { name: unknown; url: unknown }[];
    } catch {
      throw new ConfigError('ELSEWHERE_FEEDS', 'is not valid JSON');
    }
    if (!Array.isArray(entries)) throw new ConfigError('ELSEWHERE_FEEDS', 'must be a JSON array of {"name", "url"}');
  } else {
    entries = raw.split(',').map((part) => {
      const at = part.indexOf('=');
      return at < 0 ? { name: '', url: part.trim() } : { name: part.slice(0, at).trim(), url: part.slice(at + 1).trim() };
    });
  }
  const feeds = entries.map((entry, index) => {
    const name = typeof entry?.name === 'string' ? entry.name.trim() : '';
    const url = typeof entry?.url === 'string' ? entry.url.trim() : '';
    if (!name || name.length > 100) throw new ConfigError('ELSEWHERE_FEEDS', `feed ${index + 1} needs a name of 1 to 100 characters (Name=https://…)`);
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ConfigError('ELSEWHERE_FEEDS', `feed ${index + 1} (${name}) has no valid URL`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new ConfigError('ELSEWHERE_FEEDS', `feed ${index + 1} (${name}) must be http or https`);
    return { name, url: parsed.toString() };
  });
  if (new Set(feeds.map((feed) => feed.url)).size !== feeds.length) throw new ConfigError('ELSEWHERE_FEEDS', 'names the same URL twice');
  return feeds;
}
