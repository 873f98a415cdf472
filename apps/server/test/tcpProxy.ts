import { createConnection, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A TCP proxy standing in for a load balancer in front of several server processes. */
export interface TcpProxy {
  port: number;
  /** Which backend (index into the ports) each accepted connection went to, in order. */
  routed: number[];
  close(): Promise<void>;
}

/**
 * Forwards each connection to `ports[preferred]`, or when that refuses, to the next port that
 * accepts (a load balancer taking a dead process out of rotation). No sticky sessions.
 */
export async function startTcpProxy(
  ports: readonly number[],
  preferred: number,
): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const routed: number[] = [];
  const server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    client.pause();
    const attempt = (tries: number) => {
      const index = (preferred + tries) % ports.length;
      const upstream = createConnection({ host: '127.0.0.1', port: ports[index]! });
      sockets.add(upstream);
      let connected = false;
      upstream.once('connect', () => {
        connected = true;
        routed.push(index);
        upstream.on('close', () => {
          sockets.delete(upstream);
          client.destroy();
        });
        client.on('close', () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
      upstream.on('error', () => {
        if (connected) return upstream.destroy();
        sockets.delete(upstream);
        if (tries + 1 < ports.length) attempt(tries + 1);
        else client.destroy();
      });
    };
    attempt(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    routed,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
