import { mkdtempSync, rmSync } from 'node:fs';
import { connect, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger } from '@mpp/platform';
import { GatewayServer, startGatewayServer } from './gateway-server';
import { FakeRequestBus, testGatewayConfig } from './testing/test-gateway';

// The gateway on a real port, with raw HTTP/1.1 on one TCP connection: what a load balancer's pooled connection does.
describe('gateway server', () => {
  let server: GatewayServer;
  let blobDir: string;
  beforeAll(async () => {
    blobDir = mkdtempSync(path.join(tmpdir(), 'mpp-gateway-server-'));
    server = await startGatewayServer(new FakeRequestBus(), testGatewayConfig({ PORT: '0', HOST: '127.0.0.1', BLOB_DIR: blobDir }), createLogger('test', 'silent'));
  });
  afterAll(async () => {
    await server.close();
    rmSync(blobDir, { recursive: true, force: true });
  });

  /** Sends one request on the socket and resolves with the status line and headers of its answer. */
  const ask = (socket: Socket) =>
    new Promise<string>((resolve, reject) => {
      let answer = '';
      const onData = (chunk: Buffer) => {
        answer += chunk.toString('latin1');
        if (!answer.includes('\r\n\r\n')) return;
        socket.off('data', onData);
        resolve(answer.slice(0, answer.indexOf('\r\n\r\n')));
      };
      socket.on('data', onData);
      socket.once('error', reject);
      socket.write(`GET /health/live HTTP/1.1\r\nHost: gateway\r\nConnection: keep-alive\r\n\r\n`);
    });

  it('keeps an idle keep-alive connection open past Node’s 5 s, and says for how long', async () => {
    const { port } = new URL(server.url);
    const socket = connect(Number(port), '127.0.0.1');
    let closedAt: number | undefined;
    socket.on('close', () => (closedAt ??= Date.now()));
    try {
      const first = await ask(socket);
      expect(first).toMatch(/^HTTP\/1\.1 200/);
      expect(first).toMatch(/\r\nKeep-Alive: timeout=65(\r\n|$)/i);
      // Idle for longer than Node's default: the same connection still serves the next request.
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      expect(closedAt).toBeUndefined();
      expect(await ask(socket)).toMatch(/^HTTP\/1\.1 200/);
    } finally {
      socket.destroy();
    }
  }, 15_000);
});
