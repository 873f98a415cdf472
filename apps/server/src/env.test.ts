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

  it('reads the token secret and the limits, with safe defaults', () => {
    expect(parseConfig({}, '/')).toMatchObject({
      tokenSecret: null,
      maxDocBytes: 64 * 1024 * 1024,
      rateMessagesPerSecond: 1000,
      rateBytesPerSecond: 1024 * 1024,
      maxConnectionsPerBoard: 200,
      maxConnectionsPerAddress: 100,
      linkRecheckMs: 5000,
      linksPerMinute: 30,
      boardsPerMinute: 60,
      trustProxy: false,
      patientDataMode: 'warn',
      hospitalNumberPatterns: [],
    });
    expect(parseConfig({ TRUST_PROXY: 'true' }, '/').trustProxy).toBe(true);
    expect(
      parseConfig(
        { PATIENT_DATA_MODE: 'block', HOSPITAL_NUMBER_PATTERNS: ' \\bRX\\d{6}\\b  H[0-9]{7} ' },
        '/',
      ),
    ).toMatchObject({
      patientDataMode: 'block',
      hospitalNumberPatterns: ['\\bRX\\d{6}\\b', 'H[0-9]{7}'],
    });
    const secret = 's'.repeat(32);
    const config = parseConfig(
      { TOKEN_SECRET: secret, MAX_CONNECTIONS_PER_ADDRESS: '3', LINKS_PER_MINUTE: '5' },
      '/',
    );
    expect(config).toMatchObject({
      tokenSecret: secret,
      maxConnectionsPerAddress: 3,
      linksPerMinute: 5,
    });
  });

  it.each([
    ['TOKEN_SECRET', 'too-short'],
    ['MAX_DOC_BYTES', '1000'],
    ['RATE_MESSAGES_PER_SECOND', '0'],
    ['RATE_BYTES_PER_SECOND', 'fast'],
    ['MAX_CONNECTIONS_PER_BOARD', '0'],
    ['MAX_CONNECTIONS_PER_ADDRESS', '-1'],
    ['LINK_RECHECK_MS', '1'],
    ['LINKS_PER_MINUTE', '0'],
    ['BOARDS_PER_MINUTE', '1.5'],
    ['TRUST_PROXY', 'maybe'],
    ['PATIENT_DATA_MODE', 'refuse'],
    ['HOSPITAL_NUMBER_PATTERNS', 'RX[0-9'],
    ['HOSPITAL_NUMBER_PATTERNS', 'RX\\d{6} x*'],
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
