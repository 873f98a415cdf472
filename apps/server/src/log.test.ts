import { describe, expect, it } from 'vitest';
import { createLogger } from './log';

function capture(level: Parameters<typeof createLogger>[0]) {
  const lines: string[] = [];
  const log = createLogger(level, (line) => lines.push(line));
  return { log, lines };
}

describe('createLogger', () => {
  it('writes one JSON object per line, with child fields, above the level', () => {
    const { log, lines } = capture('info');
    log.debug('hidden');
    log.child({ board: 'b1' }).warn('room.slow', { ms: 12, error: new Error('boom') });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.endsWith('\n')).toBe(true);
    const record = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(record).toMatchObject({ level: 'warn', event: 'room.slow', board: 'b1', ms: 12 });
    expect((record.error as { message: string }).message).toBe('boom');
  });

  it('announces the listening line at every level but silent', () => {
    for (const level of ['debug', 'info', 'warn', 'error'] as const) {
      const { log, lines } = capture(level);
      log.announce('listening', { port: 1234 });
      expect(lines[0]).toContain('"event":"listening"');
      expect(lines[0]).toContain('"port":1234');
    }
    const { log, lines } = capture('silent');
    log.announce('listening', { port: 1 });
    expect(lines).toHaveLength(0);
  });
});
