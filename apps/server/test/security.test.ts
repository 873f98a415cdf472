import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import {
  AUTH_PERMISSION_DENIED,
  CloseCode,
  MessageType,
  RefusalReason,
  TOKEN_HEADER,
  type Role,
} from '@qi/protocol';
import { CapabilityTokens } from '../src/auth/CapabilityTokens';
import { encodeAwareness, encodeSyncStep1, encodeSyncUpdate } from '../src/sync/wire';
import {
  connectClient,
  createBoardAt,
  rawClient,
  startTestServer,
  tempDir,
  tokenOf,
  waitFor,
  type RawClient,
  type TestServer,
} from './helpers';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

const SECRET = 'security-suite-secret-of-at-least-32-chars';

async function setup(overrides = {}): Promise<TestServer> {
  const dir = tempDir();
  cleanups.push(dir.remove);
  const server = await startTestServer(dir.path, { tokenSecret: SECRET, ...overrides });
  cleanups.push(() => server.close());
  return server;
}

function client(server: TestServer, board: string, params: Record<string, string> = {}) {
  const c = connectClient(server.syncUrl, board, undefined, params);
  cleanups.push(() => c.destroy());
  return c;
}

function raw(server: TestServer, board: string, query?: Record<string, string>): RawClient {
  const c = rawClient(server.syncUrl, board, query);
  cleanups.push(() => c.ws.terminate());
  return c;
}

/** The reason of the auth permission-denied frame among `frames`, if any. */
function deniedReason(frames: Uint8Array[]): string | null {
  for (const frame of frames) {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== MessageType.auth) continue;
    expect(decoding.readVarUint(decoder)).toBe(AUTH_PERMISSION_DENIED);
    return decoding.readVarString(decoder);
  }
  return null;
}

async function refusal(server: TestServer, board: string, query: Record<string, string>) {
  const socket = raw(server, board, query);
  const closed = await socket.closed;
  return { ...closed, denied: deniedReason(socket.frames), frames: socket.frames.length };
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('capability tokens at the sync upgrade', () => {
  it('refuses missing, forged, tampered, alg-none, expired, revoked and other-board tokens', async () => {
    const server = await setup();
    const boardA = await server.createBoard('A');
    const boardB = await server.createBoard('B');
    const tokenA = tokenOf(boardA)!;
    const [header, claims, signature] = tokenA.split('.') as [string, string, string];
    const decoded = JSON.parse(Buffer.from(claims, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    const signer = new CapabilityTokens(Buffer.from(SECRET));

    // An expired link, signed with the real secret and stored, so only the expiry refuses it.
    const past = Date.now() - 60_000;
    const expiredLink = {
      id: 'expiredLinkAAAAA',
      boardId: boardA,
      role: 'contributor' as Role,
      createdAt: past - 1000,
      expiresAt: past,
      revokedAt: null,
    };
    await server.server.storage.createLink(expiredLink);
    const expired = signer.sign({
      v: 1,
      board: boardA,
      role: 'contributor',
      link: expiredLink.id,
      iat: Math.floor((past - 1000) / 1000),
      exp: Math.floor(past / 1000),
    });

    const revoked = await server.mint(boardA, 'contributor');
    const revokedId = JSON.parse(Buffer.from(revoked.split('.')[1]!, 'base64url').toString()).link;
    expect(await server.server.links.revoke(boardA, revokedId)).toBe(true);

    const cases: [string, Record<string, string>, number, string][] = [
      ['missing', {}, CloseCode.unauthorized, RefusalReason.missingToken],
      ['garbage', { token: 'not.a.token' }, CloseCode.unauthorized, RefusalReason.invalidToken],
      [
        'tampered role',
        { token: `${header}.${b64({ ...decoded, role: 'observer' })}.${signature}` },
        CloseCode.unauthorized,
        RefusalReason.invalidToken,
      ],
      [
        'tampered board',
        { token: `${header}.${b64({ ...decoded, board: boardB })}.${signature}` },
        CloseCode.unauthorized,
        RefusalReason.invalidToken,
      ],
      [
        'alg none',
        { token: `${b64({ alg: 'none', typ: 'JWT' })}.${claims}.` },
        CloseCode.unauthorized,
        RefusalReason.invalidToken,
      ],
      [
        'alg none with the HS256 header but no signature',
        { token: `${TOKEN_HEADER}.${claims}.` },
        CloseCode.unauthorized,
        RefusalReason.invalidToken,
      ],
      [
        'signed with another secret',
        {
          token: new CapabilityTokens(Buffer.from('x'.repeat(40))).sign(decoded as never),
        },
        CloseCode.unauthorized,
        RefusalReason.invalidToken,
      ],
      ['expired', { token: expired }, CloseCode.unauthorized, RefusalReason.expired],
      ['revoked', { token: revoked }, CloseCode.unauthorized, RefusalReason.revoked],
    ];
    for (const [what, query, code, reason] of cases) {
      const result = await refusal(server, boardA, query);
      expect({ what, code: result.code, reason: result.reason, denied: result.denied }).toEqual({
        what,
        code,
        reason,
        denied: reason,
      });
      // Nothing of the board is sent to a refused socket: only the permission-denied message.
      expect(result.frames).toBe(1);
    }
    const wrongBoard = await refusal(server, boardB, { token: tokenA });
    expect([wrongBoard.code, wrongBoard.denied]).toEqual([
      CloseCode.forbidden,
      RefusalReason.wrongBoard,
    ]);
    // And the right token still opens the right board.
    await client(server, boardA).synced;
  });

  it('also takes the token as a qi-token.<token> subprotocol', async () => {
    const server = await setup();
    const board = await server.createBoard();
    const ws = new WebSocket(`${server.syncUrl}/${board}`, [`qi-token.${tokenOf(board)!}`]);
    cleanups.push(() => ws.terminate());
    const first = await new Promise<Uint8Array>((resolve) =>
      ws.once('message', (data: Buffer) => resolve(new Uint8Array(data))),
    );
    expect(ws.protocol).toBe(`qi-token.${tokenOf(board)!}`);
    expect([first[0], first[1]]).toEqual([MessageType.sync, 0]);
    const refused = new WebSocket(`${server.syncUrl}/${board}`, ['qi-token.forged.token.here']);
    cleanups.push(() => refused.terminate());
    const code = await new Promise<number>((resolve) => refused.once('close', resolve));
    expect(code).toBe(CloseCode.unauthorized);
  });

  it('keeps links valid across a restart with the generated secret in DATA_DIR', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const first = await startTestServer(dir.path);
    const board = await first.createBoard('Kept');
    await first.close();
    const again = await startTestServer(dir.path);
    cleanups.push(() => again.close());
    await client(again, board).synced;
  });

  it('closes live connections of a revoked link within seconds, others stay', async () => {
    const server = await setup({ linkRecheckMs: 100 });
    const board = await server.createBoard();
    const facilitator = tokenOf(board)!;
    const created = await fetch(`${server.server.url}/api/boards/${board}/links`, {
      method: 'POST',
      headers: { authorization: `Bearer ${facilitator}`, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'patient' }),
    });
    const link = (await created.json()) as { id: string; url: string };
    const patientToken = new URL(link.url).searchParams.get('token')!;
    const patient = client(server, board, { token: patientToken });
    const staff = client(server, board);
    await Promise.all([patient.synced, staff.synced]);
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      patient.provider.once('connection-close', (event) =>
        resolve({ code: event?.code ?? 0, reason: event?.reason ?? '' }),
      ),
    );
    const revoke = await fetch(`${server.server.url}/api/boards/${board}/links/${link.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${facilitator}` },
    });
    expect(revoke.status).toBe(204);
    expect(await closed).toEqual({ code: CloseCode.unauthorized, reason: RefusalReason.revoked });
    // The stock provider stops for good after a 44xx close.
    await waitFor(
      () => patient.provider.shouldConnect === false || !patient.provider.wsconnected,
      'patient stopped',
    );
    staff.doc.getArray<string>('items').push(['still here']);
    expect(staff.provider.wsconnected).toBe(true);

    // Revoked in storage by another process: the periodic recheck closes the connection.
    const other = await server.mint(board, 'contributor');
    const otherId = JSON.parse(Buffer.from(other.split('.')[1]!, 'base64url').toString()).link;
    const contributor = client(server, board, { token: other });
    await contributor.synced;
    const otherClosed = new Promise<number>((resolve) =>
      contributor.provider.once('connection-close', (event) => resolve(event?.code ?? 0)),
    );
    await server.server.storage.revokeLink(board, otherId, Date.now());
    expect(await otherClosed).toBe(CloseCode.unauthorized);
  });
});

describe('expiry while connected', () => {
  it('closes a connection when its link expires, with 4401 link expired', async () => {
    const server = await setup({ linkRecheckMs: 100 });
    const board = await server.createBoard();
    const token = await server.mint(board, 'contributor', 1);
    const socket = raw(server, board, { token });
    await socket.opened;
    const closed = await socket.closed;
    expect(closed).toEqual({ code: CloseCode.unauthorized, reason: RefusalReason.expired });
    expect(deniedReason(socket.frames)).toBe(RefusalReason.expired);
  });
});

describe('observers', () => {
  it('have their raw updates dropped: stored and broadcast documents unchanged', async () => {
    const server = await setup();
    const board = await server.createBoard('Read only');
    const observerToken = await server.mint(board, 'observer');
    const staff = client(server, board);
    await staff.synced;
    staff.doc.getArray<string>('items').push(['before']);
    await waitFor(
      async () => (await server.server.storage.loadBoard(board))!.updates.length > 0,
      'staff edit stored',
    );

    const observer = raw(server, board, { token: observerToken });
    await observer.opened;
    const intruder = new Y.Doc();
    intruder.getArray<string>('items').push(['observer wrote this']);
    intruder.getMap('meta').set('title', 'Hijacked');
    const update = Y.encodeStateAsUpdate(intruder);
    observer.ws.send(encodeSyncUpdate(update));
    const step2 = encoding.createEncoder();
    encoding.writeVarUint(step2, MessageType.sync);
    encoding.writeVarUint(step2, 1);
    encoding.writeVarUint8Array(step2, update);
    observer.ws.send(encoding.toUint8Array(step2));
    // Its step 1 is answered (it reads the board), so the dropped updates came before the answer.
    observer.ws.send(encodeSyncStep1(new Uint8Array([0])));
    await waitFor(() => observer.frames.some((f) => f[0] === 0 && f[1] === 1), 'step 2 answer');

    staff.doc.getArray<string>('items').push(['after']);
    const late = client(server, board);
    await late.synced;
    await waitFor(() => late.doc.getArray('items').length === 2, 'late joiner has both edits');
    expect(late.doc.getArray('items').toJSON()).toEqual(['before', 'after']);
    expect(staff.doc.getArray('items').toJSON()).toEqual(['before', 'after']);
    expect(late.doc.getMap('meta').get('title')).toBe('Read only');
    const stored = await server.server.storage.loadBoard(board);
    const doc = new Y.Doc();
    if (stored!.snapshot) Y.applyUpdate(doc, stored!.snapshot);
    for (const u of stored!.updates) Y.applyUpdate(doc, u);
    expect(doc.getArray('items').toJSON()).toEqual(['before', 'after']);
    expect(observer.ws.readyState).toBe(observer.ws.OPEN);
  });
});

describe('awareness is bound to the connection', () => {
  it('refuses states for another client id, and names come from the join, not the client', async () => {
    const server = await setup();
    const board = await server.createBoard();
    const patientToken = await server.mint(board, 'patient');
    const ann = client(server, board, { name: 'Ann', label: 'ward nurse', color: '#047857' });
    const watcher = client(server, board, { name: 'Watcher' });
    await Promise.all([ann.synced, watcher.synced]);
    ann.provider.awareness.setLocalStateField('cursor', { x: 1, y: 1 });
    const annId = ann.doc.clientID;
    const seen = (id: number) =>
      watcher.provider.awareness.getStates().get(id) as
        { user?: { name: string; role?: string; label?: string; color: string } } | undefined;
    await waitFor(() => seen(annId)?.user?.name === 'Ann', 'watcher sees Ann');
    expect(seen(annId)!.user).toEqual({
      name: 'Ann',
      label: 'ward nurse',
      color: '#047857',
      role: 'facilitator',
    });

    // Mallory joins as a patient partner and tries to speak for Ann, then to rename herself.
    const mallory = raw(server, board, { token: patientToken, name: 'Mallory' });
    await mallory.opened;
    const entry = (clientId: number, clock: number, state: unknown) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarUint(encoder, clientId);
      encoding.writeVarUint(encoder, clock);
      encoding.writeVarString(encoder, JSON.stringify(state));
      return encodeAwareness(encoding.toUint8Array(encoder));
    };
    const malloryId = 424242;
    const spoof = { user: { name: 'Ann', color: '#047857', role: 'facilitator' } };
    mallory.ws.send(entry(malloryId, 1, spoof));
    mallory.ws.send(entry(annId, 9999, { user: { name: 'Ann (hacked)', color: '#000000' } }));
    mallory.ws.send(entry(annId, 10_000, null));
    await waitFor(() => seen(malloryId) !== undefined, 'watcher sees Mallory');
    expect(seen(malloryId)!.user!.name).toBe('Mallory');
    expect(seen(malloryId)!.user!.role).toBe('patient');
    // A state from a later, unrelated client shows the entries before it were handled.
    expect(seen(annId)!.user!.name).toBe('Ann');
    expect(watcher.provider.awareness.meta.get(annId)!.clock).toBeLessThan(9999);
    // Mallory's connection owns one id only: a second one is dropped too.
    mallory.ws.send(entry(777, 1, { user: { name: 'Sock puppet' } }));
    mallory.ws.send(entry(malloryId, 2, { user: { name: 'Still Mallory?' }, cursor: null }));
    await waitFor(
      () => watcher.provider.awareness.meta.get(malloryId)?.clock === 2,
      'second Mallory state',
    );
    expect(watcher.provider.awareness.getStates().has(777)).toBe(false);
    expect(seen(malloryId)!.user!.name).toBe('Mallory');
    expect(ann.provider.wsconnected && watcher.provider.wsconnected).toBe(true);
  });
});

describe('limits', () => {
  it('closes a connection that floods messages with 4429; the others keep syncing', async () => {
    const server = await setup({ rateMessagesPerSecond: 50 });
    const board = await server.createBoard();
    const honest = [client(server, board), client(server, board)];
    await Promise.all(honest.map((c) => c.synced));
    const flooder = raw(server, board);
    await flooder.opened;
    for (let i = 0; i < 500 && flooder.ws.readyState === flooder.ws.OPEN; i++) {
      flooder.ws.send(new Uint8Array([MessageType.queryAwareness]));
    }
    expect(await flooder.closed).toEqual({
      code: CloseCode.rateLimited,
      reason: RefusalReason.rateLimited,
    });
    honest[0]!.doc.getArray<string>('items').push(['after the flood']);
    await waitFor(() => honest[1]!.doc.getArray('items').length === 1, 'honest edit arrives');
  });

  it('refuses connections past the per-board and per-address limits with 4429', async () => {
    const server = await setup({ maxConnectionsPerBoard: 2 });
    const board = await server.createBoard();
    const other = await server.createBoard();
    const a = raw(server, board);
    const b = raw(server, board);
    await Promise.all([a.opened, b.opened]);
    const third = await refusal(server, board, { token: tokenOf(board)! });
    expect([third.code, third.denied]).toEqual([
      CloseCode.rateLimited,
      RefusalReason.tooManyConnections,
    ]);
    await raw(server, other).opened;
    a.ws.terminate();
    await a.closed;
    await waitFor(async () => {
      const retry = raw(server, board);
      return Promise.race([
        retry.opened.then(() => retry.frames.length >= 0 && retry.ws.readyState === 1),
        retry.closed.then(() => false),
      ]);
    }, 'a freed slot is reused');

    const perAddress = await setup({ maxConnectionsPerAddress: 1 });
    const third2 = await perAddress.createBoard();
    await raw(perAddress, third2).opened;
    const refused = await refusal(perAddress, third2, { token: tokenOf(third2)! });
    expect(refused.code).toBe(CloseCode.rateLimited);
  });

  it('closes a writer whose update would grow the board past MAX_DOC_BYTES with 4413', async () => {
    const server = await setup({ maxDocBytes: 65_536 });
    const board = await server.createBoard();
    const writer = raw(server, board);
    await writer.opened;
    const big = new Y.Doc();
    big.getText('t').insert(0, 'x'.repeat(70_000));
    writer.ws.send(encodeSyncUpdate(Y.encodeStateAsUpdate(big)));
    expect(await writer.closed).toEqual({
      code: CloseCode.tooLarge,
      reason: RefusalReason.boardFull,
    });
    const reader = client(server, board);
    await reader.synced;
    expect(reader.doc.getText('t').length).toBe(0);
  });
});

describe('protocol fuzzing from several sockets', () => {
  it('thousands of random, truncated and oversized frames leave the document unchanged', async () => {
    const max = 2048;
    const server = await setup({ maxMessageBytes: max, rateMessagesPerSecond: 100_000 });
    const board = await server.createBoard('Fuzz');
    const observerToken = await server.mint(board, 'observer');
    const contributorToken = await server.mint(board, 'contributor');
    const writer = client(server, board);
    const reader = client(server, board);
    await Promise.all([writer.synced, reader.synced]);

    let seed = 5;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const valid = [
      encodeSyncStep1(new Uint8Array([0])),
      encodeAwareness(new Uint8Array([1, 7, 1, 4, 0x6e, 0x75, 0x6c, 0x6c])),
      new Uint8Array([3]),
    ];
    const hostile = (): Uint8Array => {
      const kind = random();
      if (kind < 0.35) {
        return Uint8Array.from({ length: Math.floor(random() * 96) }, () =>
          Math.floor(random() * 256),
        );
      }
      if (kind < 0.55) return new Uint8Array(max + 1 + Math.floor(random() * max));
      const base = valid[Math.floor(random() * valid.length)]!;
      if (kind < 0.8) return base.slice(0, Math.floor(random() * base.length));
      // A sync update frame whose payload is random bytes (never a valid change of substance).
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.sync);
      encoding.writeVarUint(encoder, 2);
      encoding.writeVarUint8Array(
        encoder,
        Uint8Array.from({ length: 1 + Math.floor(random() * 40) }, () =>
          Math.floor(random() * 256),
        ),
      );
      return encoding.toUint8Array(encoder);
    };

    const TOTAL = 3000;
    let sent = 0;
    const closes = new Map<number, number>();
    const attacker = async (token: string) => {
      while (sent < TOTAL) {
        const socket = rawClient(server.syncUrl, board, { token });
        await socket.opened;
        while (socket.ws.readyState === socket.ws.OPEN && sent < TOTAL) {
          socket.ws.send(hostile());
          sent++;
          if (sent % 4 === 0) await new Promise((resolve) => setImmediate(resolve));
        }
        socket.ws.terminate();
        const { code } = await socket.closed;
        closes.set(code, (closes.get(code) ?? 0) + 1);
      }
    };
    const editing = (async () => {
      for (let i = 0; i < 60; i++) {
        writer.doc.getArray<string>('honest').push([`edit ${i}`]);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await Promise.all([
      attacker(observerToken),
      attacker(observerToken),
      attacker(contributorToken),
      attacker(contributorToken),
      editing,
    ]);
    await waitFor(() => reader.doc.getArray('honest').length === 60, 'honest edits arrive');
    expect(sent).toBe(TOTAL);
    expect(writer.provider.wsconnected && reader.provider.wsconnected).toBe(true);

    const fresh = client(server, board);
    await fresh.synced;
    await waitFor(() => fresh.doc.getArray('honest').length === 60, 'fresh joiner converged');
    // Only what honest clients wrote: the seeded title and the 60 edits, nothing else.
    expect([...fresh.doc.share.keys()].sort()).toEqual(
      [...new Set([...writer.doc.share.keys(), 'honest', 'meta'])].sort(),
    );
    expect(fresh.doc.getArray('honest').toJSON()).toEqual(
      Array.from({ length: 60 }, (_, i) => `edit ${i}`),
    );
    expect(fresh.doc.getMap('meta').get('title')).toBe('Fuzz');
    expect((await fetch(`${server.server.url}/health`)).status).toBe(200);
  });
});

describe('links API', () => {
  it('answers 401 without a token, 403 for another board or role, 201/200/204 for the facilitator', async () => {
    const server = await setup();
    const base = server.server.url;
    const board = await server.createBoard();
    const other = await createBoardAt(base);
    const facilitator = tokenOf(board)!;
    const links = `${base}/api/boards/${board}/links`;
    const auth = (token: string) => ({ authorization: `Bearer ${token}` });
    const json = { 'content-type': 'application/json' };
    const body = JSON.stringify({ role: 'observer', expiresInSeconds: 3600 });

    expect((await fetch(links)).status).toBe(401);
    expect((await fetch(links, { headers: auth('nonsense') })).status).toBe(401);
    expect((await fetch(links, { headers: auth(tokenOf(other)!) })).status).toBe(403);
    const contributor = await server.mint(board, 'contributor');
    expect((await fetch(links, { headers: auth(contributor) })).status).toBe(403);
    expect(
      (await fetch(links, { method: 'POST', headers: { ...json, ...auth(contributor) }, body }))
        .status,
    ).toBe(403);
    expect(
      (
        await fetch(links, {
          method: 'POST',
          headers: { ...json, ...auth(facilitator) },
          body: JSON.stringify({ role: 'admin' }),
        })
      ).status,
    ).toBe(400);

    const created = await fetch(links, {
      method: 'POST',
      headers: { ...json, ...auth(facilitator) },
      body,
    });
    expect(created.status).toBe(201);
    const link = (await created.json()) as {
      id: string;
      url: string;
      role: string;
      expiresAt: string;
    };
    expect(link.role).toBe('observer');
    expect(new URL(link.url).pathname).toBe(`/join/${board}`);
    expect(Date.parse(link.expiresAt) - Date.now()).toBeGreaterThan(3500_000);

    const listed = (await (await fetch(links, { headers: auth(facilitator) })).json()) as {
      links: { id: string; role: string }[];
    };
    expect(listed.links.map((l) => l.role)).toEqual(['facilitator', 'contributor', 'observer']);
    expect(
      (await fetch(`${links}/${link.id}`, { method: 'DELETE', headers: auth(facilitator) })).status,
    ).toBe(204);
    expect(
      (await fetch(`${links}/${link.id}`, { method: 'DELETE', headers: auth(facilitator) })).status,
    ).toBe(404);
    const after = (await (await fetch(links, { headers: auth(facilitator) })).json()) as {
      links: { id: string }[];
    };
    expect(after.links.map((l) => l.id)).not.toContain(link.id);
  });

  it('rate-limits minting and refuses cross-origin writes', async () => {
    const server = await setup({ linksPerMinute: 3 });
    const base = server.server.url;
    const board = await server.createBoard();
    const headers = {
      authorization: `Bearer ${tokenOf(board)!}`,
      'content-type': 'application/json',
    };
    const mint = () =>
      fetch(`${base}/api/boards/${board}/links`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ role: 'patient' }),
      });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await mint()).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
    const crossSite = await fetch(`${base}/api/boards`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(crossSite.status).toBe(403);
    const sameSite = await fetch(`${base}/api/boards`, {
      method: 'POST',
      headers: { origin: base, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(sameSite.status).toBe(201);
  });

  it('sends security headers and a CSP with no third-party origin on API responses', async () => {
    const server = await setup();
    const paths = ['/api/boards/AAAAAAAAAAAAAAAAAAAAAA', '/health', '/no-web-build-page'];
    for (const [method, path] of paths.flatMap((p) => [
      ['GET', p],
      ['HEAD', p],
    ])) {
      const response = await fetch(`${server.server.url}${path}`, { method });
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      if (path !== '/no-web-build-page') {
        const csp = response.headers.get('content-security-policy')!;
        expect(csp).toContain("default-src 'none'");
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).not.toMatch(/https?:/);
      }
    }
  });
});
