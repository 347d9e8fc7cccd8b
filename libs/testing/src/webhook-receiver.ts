import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** A request the receiver got: its headers (lower case), body and path. */
export interface ReceivedWebhook {
  headers: Record<string, string>;
  body: string;
  path: string;
}

/**
 * A real HTTP webhook receiver on 127.0.0.1 for the tests: it records every request and answers each as `answer`
 * says: a status (a 3xx redirects to the cloud metadata address), or 'hang' (no answer until `release`). `/long` answers 3 KB.
 */
export async function startWebhookReceiver() {
  const requests: ReceivedWebhook[] = [];
  /** The answers held back ('hang'), until `release`. */
  const held: ServerResponse[] = [];
  let answer: (request: ReceivedWebhook, n: number) => number | 'hang' = () => 200;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = { headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString('utf8'), path: req.url ?? '/' };
      requests.push(request);
      const outcome = answer(request, requests.length);
      if (outcome === 'hang') {
        held.push(res);
        return;
      }
      res.writeHead(outcome, outcome >= 300 && outcome < 400 ? { location: 'http://169.254.169.254/latest/meta-data/' } : { 'content-type': 'text/plain' });
      res.end(outcome >= 400 ? `failed with ${outcome}` : request.path === '/long' ? 'x'.repeat(3000) : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: (path = '/hooks') => `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    requests,
    /** The requests to one path, in the order they came. */
    at: (path: string) => requests.filter((r) => r.path === path),
    answer: (fn: typeof answer) => (answer = fn),
    /** Answers every held request with `status` now. */
    release: (status = 200) => held.splice(0).forEach((res) => res.writeHead(status).end()),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
