import { spawn } from 'node:child_process';
import net from 'node:net';
import { Histogram } from './stats';

/** A TCP echo server for `node -e`: prints its port, echoes every byte back. */
const ECHO_SERVER = `
const net = require('node:net');
const server = net.createServer((s) => { s.setNoDelay(true); s.on('data', (d) => s.write(d)); });
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

/**
 * The machine's own latency floor: round trips of one byte between a process pinned to the
 * servers' core 0 and this generator, `count` of them `gapMs` apart (each core idles between
 * them, as between a workshop's messages). No server can deliver faster than this.
 */
export async function loopbackRoundTrips(count = 1000, gapMs = 2): Promise<Histogram> {
  const child = spawn('taskset', ['-c', '0', process.execPath, '-e', ECHO_SERVER], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
      child.once('exit', (code) => reject(new Error(`echo server exited with ${code}`)));
    });
    const socket = net.connect(port, '127.0.0.1');
    socket.setNoDelay(true);
    await new Promise((resolve) => socket.once('connect', resolve));
    const rtts = new Histogram();
    for (let i = 0; i < count; i++) {
      const sent = performance.now();
      const echoed = new Promise((resolve) => socket.once('data', resolve));
      socket.write('x');
      await echoed;
      rtts.add(performance.now() - sent);
      await new Promise((resolve) => setTimeout(resolve, gapMs));
    }
    socket.destroy();
    return rtts;
  } finally {
    child.kill();
  }
}
