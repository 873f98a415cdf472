import type { LogLevel } from './env';

type Fields = Record<string, unknown>;

/** Structured logger: one JSON object per line, `event` names what happened. */
export interface Logger {
  debug(event: string, fields?: Fields): void;
  info(event: string, fields?: Fields): void;
  warn(event: string, fields?: Fields): void;
  error(event: string, fields?: Fields): void;
  /**
   * A line other programs wait for (`listening`): written at every level but `silent`,
   * with level `info`.
   */
  announce(event: string, fields?: Fields): void;
  /** A logger that adds `fields` to every line (a board id, a connection id). */
  child(fields: Fields): Logger;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

function serialiseError(value: unknown): unknown {
  if (value instanceof Error)
    return { name: value.name, message: value.message, stack: value.stack };
  return value;
}

/** A JSON-lines logger writing to `write` (stdout by default), dropping lines below `level`. */
export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (line) => process.stdout.write(line),
  base: Fields = {},
): Logger {
  const threshold = RANK[level];
  const emit = (
    lineLevel: Exclude<LogLevel, 'silent'>,
    event: string,
    fields?: Fields,
    force = false,
  ) => {
    if (RANK[lineLevel] < threshold && !(force && level !== 'silent')) return;
    const record: Fields = { time: new Date().toISOString(), level: lineLevel, event, ...base };
    if (fields) for (const key in fields) record[key] = serialiseError(fields[key]);
    write(`${JSON.stringify(record)}\n`);
  };
  return {
    debug: (event, fields) => emit('debug', event, fields),
    info: (event, fields) => emit('info', event, fields),
    warn: (event, fields) => emit('warn', event, fields),
    error: (event, fields) => emit('error', event, fields),
    announce: (event, fields) => emit('info', event, fields, true),
    child: (fields) => createLogger(level, write, { ...base, ...fields }),
  };
}
