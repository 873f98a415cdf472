import { hostname } from 'node:os';
import { readEnv } from './env';
import { createLogger } from './log';
import { startServer } from './server';

const config = readEnv();
// Every line names its process: connection ids are per process, logs of several are merged.
const log = createLogger(config.logLevel, undefined, { instance: `${hostname()}:${process.pid}` });

process.on('unhandledRejection', (error) => log.error('process.unhandled_rejection', { error }));
process.on('uncaughtException', (error) => log.error('process.uncaught_exception', { error }));

try {
  const server = await startServer(config, { log });
  const shutdown = (signal: string) => {
    log.info('shutdown', { signal });
    const forced = setTimeout(() => {
      log.error('shutdown.timeout');
      process.exit(1);
    }, 15_000);
    forced.unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error('shutdown.failed', { error });
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
} catch (error) {
  log.error('startup.failed', { error });
  process.exit(1);
}
