import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as decoding from 'lib0/decoding';
import { AUTH_PERMISSION_DENIED, BOARD_ID_PATTERN, CloseCode, MessageType } from '@qi/protocol';
import { rawClient, startTestServer, tempDir, type TestServer } from './helpers';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function setup(overrides: Parameters<typeof startTestServer>[1] = {}): Promise<TestServer> {
  const dir = tempDir();
  cleanups.push(dir.remove);
  const server = await startTestServer(dir.path, overrides);
  cleanups.push(() => server.close());
  return server;
}

describe('HTTP API', () => {
  it('POST /api/boards creates a board: 201 with id, absolute url and title', async () => {
    const { server } = await setup();
    const response = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: '  Reduce falls on ward 7  ' }),
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as Record<string, string>;
    expect(body.id).toMatch(BOARD_ID_PATTERN);
    expect(body.url).toBe(`${server.url}/b/${body.id}`);
    expect(body.title).toBe('Reduce falls on ward 7');

    const read = await fetch(`${server.url}/api/boards/${body.id}`);
    expect(read.status).toBe(200);
    const board = (await read.json()) as Record<string, string>;
    expect(board).toEqual({
      id: body.id,
      title: 'Reduce falls on ward 7',
      createdAt: body.createdAt,
    });
    expect(Number.isNaN(Date.parse(board.createdAt!))).toBe(false);
  });

  it('accepts an empty body and uses PUBLIC_ORIGIN for the url', async () => {
    const { server } = await setup({ publicOrigin: 'https://qi.example.org' });
    const response = await fetch(`${server.url}/api/boards`, { method: 'POST' });
    expect(response.status).toBe(201);
    const body = (await response.json()) as Record<string, string>;
    expect(body.url).toBe(`https://qi.example.org/b/${body.id}`);
    expect(body.title).toBe('Untitled board');
  });

  it('refuses bad bodies with one error shape', async () => {
    const { server } = await setup();
    for (const body of [
      '{nope',
      '[1]',
      JSON.stringify({ title: 7 }),
      JSON.stringify({ title: 'x'.repeat(201) }),
    ]) {
      const response = await fetch(`${server.url}/api/boards`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(response.status).toBe(400);
      const error = (await response.json()) as { error: { code: string; message: string } };
      expect(error.error.code).toBe('bad_request');
      expect(error.error.message).toBeTruthy();
    }
  });

  it('answers 404 for unknown boards and API paths', async () => {
    const { server } = await setup();
    for (const path of [
      '/api/boards/AAAAAAAAAAAAAAAAAAAAAA',
      '/api/boards/not-an-id',
      '/api/nothing',
    ]) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
  });

  it('serves /health and /ready', async () => {
    const { server } = await setup();
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    const ready = await fetch(`${server.url}/ready`);
    expect(ready.status).toBe(200);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toContain('qi_connections 0');
    await server.storage.close();
    expect((await fetch(`${server.url}/ready`)).status).toBe(503);
  });

  it('answers pages with 503 when the web build is missing', async () => {
    const { server } = await setup();
    const response = await fetch(`${server.url}/b/whatever`);
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('web build missing');
  });

  it('hands pages to the SvelteKit handler when the build exists', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const web = join(dir.path, 'web');
    mkdirSync(web);
    writeFileSync(
      join(web, 'handler.js'),
      "export const handler = (req, res) => { res.setHeader('content-type', 'text/plain'); res.end('page ' + req.url); };",
    );
    const server = await startTestServer(dir.path, { webBuildDir: web });
    cleanups.push(() => server.close());
    const response = await fetch(`${server.server.url}/b/abc?x=1`);
    expect(await response.text()).toBe('page /b/abc?x=1');
    expect((await fetch(`${server.server.url}/api/boards/x`)).status).toBe(404);
    expect(await (await fetch(`${server.server.url}/healthcheck`)).text()).toBe(
      'page /healthcheck',
    );
  });
});

describe('WebSocket upgrades', () => {
  it('refuses upgrades on unknown paths with 404 and never reaches the page handler', async () => {
    const { server } = await setup();
    for (const path of ['/', '/b/x', '/sync', '/sync/a/b', '/api/boards']) {
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}${path}`);
      const status = await new Promise<number>((resolve) => {
        ws.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
        ws.once('open', () => resolve(101));
        ws.once('error', () => undefined);
      });
      ws.terminate();
      expect(status).toBe(404);
    }
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });

  it('refuses a malformed board id with permission-denied, then close 4404', async () => {
    const { syncUrl } = await setup();
    for (const board of ['AAAAAAAAAAAAAAAAAAAAA', 'not-a-board-id']) {
      const client = rawClient(syncUrl, board);
      const closed = await client.closed;
      expect(closed.code).toBe(CloseCode.boardNotFound);
      expect(client.frames).toHaveLength(1);
      const decoder = decoding.createDecoder(client.frames[0]!);
      expect(decoding.readVarUint(decoder)).toBe(MessageType.auth);
      expect(decoding.readVarUint(decoder)).toBe(AUTH_PERMISSION_DENIED);
      expect(decoding.readVarString(decoder)).toBe('board not found');
    }
  });
});
