import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { boardFilesAt, exportAll, exportBoard, importBoard } from './cli/boardTransfer';
import { BOARD_FILE_SUFFIX } from './cli/boardFile';
import { readEnv, type Config } from './env';
import { createLogger } from './log';
import { Metrics } from './metrics/Metrics';
import { RedisFanout } from './scaleout/RedisFanout';
import { PostgresStorage } from './storage/PostgresStorage';
import { SqliteStorage } from './storage/SqliteStorage';
import type { Storage } from './storage/Storage';

const USAGE = `Usage (configuration from the same environment as the server: DATABASE_URL or DATA_DIR):
  pnpm qi export --board <id> [--out <file>]   one board to a file (default ./<id>${BOARD_FILE_SUFFIX})
  pnpm qi export --all --out <dir>             every board to <dir>/<id>${BOARD_FILE_SUFFIX}
  pnpm qi import <file or dir>...              create missing boards, merge into existing ones
`;

const say = (line: string) => process.stdout.write(`${line}\n`);

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}`);
  process.exit(2);
}

async function openStorage(config: Config): Promise<Storage> {
  return config.databaseUrl
    ? PostgresStorage.open(config.databaseUrl, 2)
    : new SqliteStorage(config.dataDir);
}

/**
 * `--board -abc…` as `--board=-abc…`: a board id may start with a dash (base64url), which
 * parseArgs would take for an option and refuse as ambiguous.
 */
function joinOptionValues(args: readonly string[], options: readonly string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (options.includes(arg) && i + 1 < args.length) joined.push(`${arg}=${args[++i]!}`);
    else joined.push(arg);
  }
  return joined;
}

async function run(): Promise<number> {
  const { values, positionals } = parseArgs({
    args: joinOptionValues(process.argv.slice(2), ['--board', '--out']),
    allowPositionals: true,
    options: {
      board: { type: 'string' },
      all: { type: 'boolean', default: false },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...paths] = positionals;
  if (values.help) {
    say(USAGE);
    return 0;
  }
  if (command !== 'export' && command !== 'import') fail(`Unknown command: ${command ?? '(none)'}`);
  if (command === 'export' && !values.all === !values.board)
    fail('export: give --board <id> or --all');
  if (command === 'export' && values.all && !values.out) fail('export --all: give --out <dir>');
  if (command === 'import' && paths.length === 0)
    fail('import: give at least one file or directory');

  const config = readEnv();
  const storage = await openStorage(config);
  let fanout: RedisFanout | null = null;
  let failures = 0;
  try {
    if (command === 'export') {
      if (values.all) {
        const count = await exportAll(storage, values.out!, say);
        say(`${count} board(s) exported`);
      } else {
        const file = values.out ?? join('.', `${values.board!}${BOARD_FILE_SUFFIX}`);
        const title = await exportBoard(storage, values.board!, file);
        say(`exported ${values.board!} "${title}" -> ${file}`);
      }
      return 0;
    }
    if (config.redisUrl) {
      // Processes serving an imported board apply the merge at once.
      fanout = await RedisFanout.connect({
        url: config.redisUrl,
        keyPrefix: config.redisKeyPrefix,
        peerTtlMs: config.fanoutPeerTtlMs,
        streamMaxLen: config.fanoutStreamMaxLen,
        log: createLogger('error'),
        metrics: new Metrics(),
      });
    }
    for (const path of paths) {
      for (const file of await boardFilesAt(path)) {
        try {
          const { id, title, created } = await importBoard(storage, file, fanout);
          say(`${created ? 'created' : 'merged into'} ${id} "${title}" <- ${file}`);
        } catch (error) {
          failures++;
          process.stderr.write(`${file}: ${(error as Error).message}\n`);
        }
      }
    }
    return failures === 0 ? 0 : 1;
  } finally {
    await fanout?.close();
    await storage.close();
  }
}

run().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`qi: ${(error as Error).message ?? String(error)}\n`);
    process.exit(1);
  },
);
