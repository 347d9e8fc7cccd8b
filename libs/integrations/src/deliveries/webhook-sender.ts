import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { guardedLookup, refusedAddress } from './address-guard';

/** A delivery counts as delivered when the endpoint answers 2xx within this (DOMAIN.md 7). */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** What the delivery log keeps of an answer's body. */
const RESPONSE_KEPT_BYTES = 1024;
/**
 * Connections kept open to endpoints between deliveries (a busy endpoint is not dialled anew each time). A kept
 * connection goes to the address checked when it was opened; each new one is looked up and checked again.
 */
// As many sockets per host as a dispatcher sends at once, so no delivery waits for a socket while its 10 s run.
const agents = { 'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }), 'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }) };

export interface SignedDelivery {
  url: string;
  /** The webhook-id: the event's id, the same on every retry and redelivery. */
  messageId: string;
  timestamp: Date;
  body: string;
  /** The secrets that sign it: the current one, and for 24 h after a rotation the previous one too. */
  secrets: string[];
}

export interface SendOutcome {
  delivered: boolean;
  statusCode?: number;
  durationMs: number;
  error?: string;
  response?: string;
}

/**
 * The Standard Webhooks headers, signed with the spec's maintained library (`standardwebhooks`): one `v1,<base64>`
 * per secret, space-separated, so a receiver that has either secret verifies it.
 */
export function webhookHeaders(messageId: string, timestamp: Date, body: string, secrets: string[]): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': 'mpp-webhooks/1',
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(messageId, timestamp, body)).join(' '),
  };
}

/**
 * POSTs one delivery: the host resolved and checked now (address-guard.ts), no redirect followed (a 3xx is a failed
 * attempt, so a redirect can never lead to a refused address), at most DELIVERY_TIMEOUT_MS in all. Never throws.
 */
export function sendDelivery(delivery: SignedDelivery, options: { allowPrivateNetworks: boolean; timeoutMs?: number; lookup?: ReturnType<typeof guardedLookup> }): Promise<SendOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let url: URL;
  try {
    url = new URL(delivery.url);
  } catch {
    return Promise.resolve({ delivered: false, durationMs: 0, error: 'the endpoint URL is not valid' });
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // An address in the URL itself is never looked up, so it is checked here.
  const refused = !options.allowPrivateNetworks && isIP(host) ? refusedAddress(host) : undefined;
  if (refused) return Promise.resolve({ delivered: false, durationMs: 0, error: `${refused}; webhooks reach public addresses only` });
  const headers = webhookHeaders(delivery.messageId, delivery.timestamp, delivery.body, delivery.secrets);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<SendOutcome>((resolve) => {
    let settled = false;
    const settle = (outcome: Omit<SendOutcome, 'durationMs'>, keepConnection = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // A connection whose answer was read to its end goes back to the pool; any other is closed.
      if (!keepConnection) request.destroy();
      resolve({ ...outcome, durationMs: elapsed() });
    };
    const request = client.request(
      url,
      { method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(delivery.body) }, lookup: options.lookup ?? guardedLookup(options.allowPrivateNetworks), agent: agents[url.protocol as 'http:' | 'https:'] },
      (response) => {
        const statusCode = response.statusCode ?? 0;
        const chunks: Buffer[] = [];
        let kept = 0;
        const done = (ended: boolean) => {
          const text = Buffer.concat(chunks).subarray(0, RESPONSE_KEPT_BYTES).toString('utf8');
          const delivered = statusCode >= 200 && statusCode < 300;
          const redirect = statusCode >= 300 && statusCode < 400 ? `redirect not followed (to ${response.headers.location ?? 'nowhere'})` : undefined;
          settle({ delivered, statusCode, ...(text ? { response: text } : {}), ...(redirect ? { error: redirect } : {}) }, ended);
        };
        response.on('data', (chunk: Buffer) => {
          if (kept < RESPONSE_KEPT_BYTES) chunks.push(chunk);
          kept += chunk.length;
          // The rest of a long answer is not read: the delivery log keeps 1 KB.
          if (kept >= RESPONSE_KEPT_BYTES) done(false);
        });
        response.on('end', () => done(true));
        response.on('error', () => done(false));
      },
    );
    const timer = setTimeout(() => settle({ delivered: false, error: `no answer within ${(options.timeoutMs ?? DELIVERY_TIMEOUT_MS) / 1000} s` }), options.timeoutMs ?? DELIVERY_TIMEOUT_MS);
    request.on('error', (error: NodeJS.ErrnoException) => settle({ delivered: false, error: error.code === 'ADDRESS_REFUSED' ? error.message : `${error.code ?? 'ERROR'}: ${error.message}` }));
    request.end(delivery.body);
  });
}
