import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './env';

describe('parseConfig', () => {
  it('has working defaults', () => {
    const config = parseConfig({}, '/srv/qi');
    expect(config).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      dataDir: '/srv/qi/data',
      publicOrigin: null,
      logLevel: 'info',
    });
    expect(config.webBuildDir).toMatch(/apps\/web\/build$/);
  });

  it('reads and resolves values', () => {
    const config = parseConfig(
      {
        PORT: '0',
        DATA_DIR: 'boards',
        PUBLIC_ORIGIN: 'https://qi.example.org/ignored',
        MAX_MESSAGE_BYTES: '2048',
      },
      '/srv/qi',
    );
    expect(config).toMatchObject({
      port: 0,
      dataDir: '/srv/qi/boards',
      publicOrigin: 'https://qi.example.org',
      maxMessageBytes: 2048,
    });
  });

  it('reads Postgres and Redis settings', () => {
    const config = parseConfig(
      {
        DATABASE_URL: 'postgres://qi@db:5432/qi',
        REDIS_URL: 'redis://redis:6379/0',
        REDIS_KEY_PREFIX: 'trust-a:',
      },
      '/',
    );
    expect(config).toMatchObject({
      databaseUrl: 'postgres://qi@db:5432/qi',
      redisUrl: 'redis://redis:6379/0',
      redisKeyPrefix: 'trust-a:',
      fanoutPeerTtlMs: 5000,
    });
    expect(parseConfig({}, '/')).toMatchObject({ databaseUrl: null, redisUrl: null });
  });

  it.each([
    ['PORT', '70000'],
    ['PORT', '3.5'],
    ['COMPACT_MAX_UPDATES', '0'],
    ['COMPACT_MAX_BYTES', 'lots'],
    ['MAX_MESSAGE_BYTES', '10'],
    ['PUBLIC_ORIGIN', 'ftp://x'],
    ['LOG_LEVEL', 'verbose'],
    ['DATABASE_URL', 'mysql://db/qi'],
    ['DATABASE_URL', 'not a url'],
    ['REDIS_URL', 'http://redis:6379'],
    ['FANOUT_PEER_TTL_MS', '10'],
  ])('rejects %s=%s naming the variable', (name, value) => {
    expect(() => parseConfig({ [name]: value }, '/')).toThrow(ConfigError);
    expect(() => parseConfig({ [name]: value }, '/')).toThrow(name);
  });
});
