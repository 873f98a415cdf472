// Hocuspocus 3 with no extensions (storing nothing), on PORT (0 = free).
import { Server } from '@hocuspocus/server';

const server = new Server({
  port: Number(process.env.PORT ?? 0),
  address: '127.0.0.1',
  quiet: true,
});
await server.listen();
console.log(JSON.stringify({ event: 'listening', port: server.address.port }));
