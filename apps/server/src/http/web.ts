import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Logger } from '../log';

/** adapter-node's `handler`: a connect-style middleware. */
export type NodeHandler = (
  request: IncomingMessage,
  response: ServerResponse,
  next?: () => void,
) => void;

/** Loads the SvelteKit adapter-node handler from `webBuildDir/handler.js`; null when absent. */
export async function loadWebHandler(
  webBuildDir: string,
  log: Logger,
): Promise<NodeHandler | null> {
  const file = join(webBuildDir, 'handler.js');
  if (!existsSync(file)) {
    log.warn('web.build_missing', { file });
    return null;
  }
  const module = (await import(pathToFileURL(file).href)) as { handler?: NodeHandler };
  if (typeof module.handler !== 'function') {
    log.error('web.handler_invalid', { file });
    return null;
  }
  return module.handler;
}

/** What pages answer when the web build is missing. */
export const webMissing: NodeHandler = (_request, response) => {
  response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
  response.end('web build missing — run pnpm build\n');
};
