import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PatientDataMode } from '@qi/model';

/** Log levels, least to most severe; `silent` logs nothing. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** `warn`: the web app warns, the server accepts; `block`: the server refuses such text too. */
export const PATIENT_DATA_MODES: readonly PatientDataMode[] = ['warn', 'block'];

/** Validated server configuration. Documented in CONFIG.md. */
export interface Config {
  port: number;
  host: string;
  /** Absolute directory holding the SQLite file. */
  dataDir: string;
  /** Absolute directory of the SvelteKit adapter-node build (holds handler.js). */
  webBuildDir: string;
  /** Origin used in board URLs (`https://qi.example.org`), or null to use the request's Host. */
  publicOrigin: string | null;
  /** How long a board with no connections stays loaded. */
  roomIdleMs: number;
  /** Compact a board's update log once it holds this many updates... */
  compactMaxUpdates: number;
  /** ...or this many bytes. */
  compactMaxBytes: number;
  /** Largest WebSocket message accepted; larger closes the connection with 4413. */
  maxMessageBytes: number;
  logLevel: LogLevel;
  /** Postgres connection string (DATABASE_URL); null: SQLite in dataDir. */
  databaseUrl: string | null;
  /** Connections in the Postgres pool of this process. */
  databasePoolSize: number;
  /** Redis connection string (REDIS_URL); null: one process, no fan-out. */
  redisUrl: string | null;
  /** Prefix of every Redis key this deployment uses (several deployments can share a Redis). */
  redisKeyPrefix: string;
  /** A process silent this long is gone: its clients' cursors are removed everywhere. */
  fanoutPeerTtlMs: number;
  /** Approximate entries each board stream keeps (older ones are in storage). */
  fanoutStreamMaxLen: number;
  /** Key invite tokens are signed with (TOKEN_SECRET), or null to use DATA_DIR/token-secret. */
  tokenSecret: string | null;
  /** A write that would grow a board past this many stored bytes closes its sender with 4413. */
  maxDocBytes: number;
  /** Per connection: messages and bytes per second (token buckets; bursts of two seconds). */
  rateMessagesPerSecond: number;
  rateBytesPerSecond: number;
  /** Live sync connections allowed per board, and per client address. */
  maxConnectionsPerBoard: number;
  maxConnectionsPerAddress: number;
  /** How often live connections' links are re-read (revoked elsewhere, expired). */
  linkRecheckMs: number;
  /** Invite links one board may mint per minute, and boards one address may create per minute. */
  linksPerMinute: number;
  boardsPerMinute: number;
  /** A reverse proxy appends the client address to X-Forwarded-For (per-address limits use it). */
  trustProxy: boolean;
  /** Whether the server refuses updates whose new text looks like a patient identifier. */
  patientDataMode: PatientDataMode;
  /** Regex sources of this deployment's hospital numbers (checked with NHS numbers and dates of birth). */
  hospitalNumberPatterns: string[];
}

/** A configuration value that failed validation; `variable` names the environment variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

/** apps/web/build, relative to this module both as source (src/env.ts) and as bundle (dist/main.js). */
const DEFAULT_WEB_BUILD_DIR = fileURLToPath(new URL('../../web/build', import.meta.url));

type Source = Readonly<Record<string, string | undefined>>;

function integer(source: Source, name: string, fallback: number, min: number, max: number): number {
  const raw = source[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  if (!/^\d+$/.test(raw.trim()))
    throw new ConfigError(name, `expected a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) {
    throw new ConfigError(name, `expected a number from ${min} to ${max}, got ${value}`);
  }
  return value;
}

function directory(source: Source, name: string, fallback: string, cwd: string): string {
  const raw = source[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  return isAbsolute(raw) ? raw : resolve(cwd, raw);
}

function flag(source: Source, name: string): boolean {
  const raw = source[name]?.trim().toLowerCase() ?? '';
  if (raw === '' || raw === '0' || raw === 'false' || raw === 'no') return false;
  if (raw === '1' || raw === 'true' || raw === 'yes') return true;
  throw new ConfigError(name, `expected true or false, got "${source[name]}"`);
}

function secret(source: Source, name: string): string | null {
  const raw = source[name];
  if (raw === undefined || raw === '') return null;
  if (raw.length < 32) {
    throw new ConfigError(name, `expected at least 32 characters (random), got ${raw.length}`);
  }
  return raw;
}

function serviceUrl(source: Source, name: string, protocols: string[]): string | null {
  const raw = source[name]?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(
      name,
      `expected a URL such as ${protocols[0]}//host:port, got a malformed value`,
    );
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(name, `expected a ${protocols.join(' or ')} URL, got "${url.protocol}"`);
  }
  return raw;
}

function origin(source: Source, name: string): string | null {
  const raw = source[name];
  if (raw === undefined || raw.trim() === '') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `expected an origin such as https://qi.example.org, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(name, `expected an http or https origin, got "${raw}"`);
  }
  return url.origin;
}

function patientDataMode(source: Source, name: string): PatientDataMode {
  const raw = source[name]?.trim().toLowerCase() || 'warn';
  if (!(PATIENT_DATA_MODES as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `expected warn or block, got "${source[name]}"`);
  }
  return raw as PatientDataMode;
}

/** Whitespace-separated regex sources; each must compile and must not match empty text. */
function patterns(source: Source, name: string): string[] {
  const list = source[name]?.trim().split(/\s+/).filter(Boolean) ?? [];
  for (const pattern of list) {
    let regex: RegExp;
    try {
      regex = new RegExp(pattern);
    } catch {
      throw new ConfigError(name, `"${pattern}" is not a valid regular expression`);
    }
    if (regex.test('')) throw new ConfigError(name, `"${pattern}" matches empty text`);
  }
  return list;
}

/**
 * Validates configuration from an environment-shaped record (pure: tests call it directly).
 * Throws ConfigError naming the first bad variable.
 */
export function parseConfig(source: Source, cwd: string): Config {
  const host = source.HOST?.trim() || '0.0.0.0';
  const logLevel = (source.LOG_LEVEL?.trim() || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(
      'LOG_LEVEL',
      `expected one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`,
    );
  }
  return {
    port: integer(source, 'PORT', 3000, 0, 65535),
    host,
    dataDir: directory(source, 'DATA_DIR', resolve(cwd, 'data'), cwd),
    webBuildDir: directory(source, 'WEB_BUILD_DIR', DEFAULT_WEB_BUILD_DIR, cwd),
    publicOrigin: origin(source, 'PUBLIC_ORIGIN'),
    roomIdleMs: integer(source, 'ROOM_IDLE_MS', 30_000, 0, 86_400_000),
    compactMaxUpdates: integer(source, 'COMPACT_MAX_UPDATES', 500, 1, 1_000_000),
    compactMaxBytes: integer(source, 'COMPACT_MAX_BYTES', 4 * 1024 * 1024, 1024, 1024 ** 3),
    maxMessageBytes: integer(source, 'MAX_MESSAGE_BYTES', 8 * 1024 * 1024, 1024, 256 * 1024 * 1024),
    logLevel,
    databaseUrl: serviceUrl(source, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    databasePoolSize: integer(source, 'DATABASE_POOL_SIZE', 10, 1, 1000),
    redisUrl: serviceUrl(source, 'REDIS_URL', ['redis:', 'rediss:']),
    redisKeyPrefix: source.REDIS_KEY_PREFIX?.trim() || 'qi:',
    fanoutPeerTtlMs: integer(source, 'FANOUT_PEER_TTL_MS', 5000, 500, 600_000),
    fanoutStreamMaxLen: integer(source, 'FANOUT_STREAM_MAXLEN', 1000, 10, 10_000_000),
    tokenSecret: secret(source, 'TOKEN_SECRET'),
    maxDocBytes: integer(source, 'MAX_DOC_BYTES', 64 * 1024 * 1024, 65_536, 1024 ** 3),
    rateMessagesPerSecond: integer(source, 'RATE_MESSAGES_PER_SECOND', 1000, 1, 1_000_000),
    rateBytesPerSecond: integer(source, 'RATE_BYTES_PER_SECOND', 1024 * 1024, 1024, 1024 ** 3),
    maxConnectionsPerBoard: integer(source, 'MAX_CONNECTIONS_PER_BOARD', 200, 1, 100_000),
    maxConnectionsPerAddress: integer(source, 'MAX_CONNECTIONS_PER_ADDRESS', 100, 1, 100_000),
    linkRecheckMs: integer(source, 'LINK_RECHECK_MS', 5000, 50, 600_000),
    linksPerMinute: integer(source, 'LINKS_PER_MINUTE', 30, 1, 100_000),
    boardsPerMinute: integer(source, 'BOARDS_PER_MINUTE', 60, 1, 100_000),
    trustProxy: flag(source, 'TRUST_PROXY'),
    patientDataMode: patientDataMode(source, 'PATIENT_DATA_MODE'),
    hospitalNumberPatterns: patterns(source, 'HOSPITAL_NUMBER_PATTERNS'),
  };
}

/**
 * Reads process.env once (the only place the server does) and validates it.
 * On a bad value, prints the variable and reason to stderr and exits with status 2.
 */
export function readEnv(): Config {
  try {
    return parseConfig(process.env, process.cwd());
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Invalid configuration: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}
