/**
 * patches/kafkajs+2.2.4.patch: a kafkajs connection's request queue arms its timer only while requests wait.
 * Without the patch an idle queue re-armed a 1 ms timer for ever (tulios/kafkajs#1556).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- kafkajs does not export its request queue
const RequestQueue = require('kafkajs/src/network/requestQueue');

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

function newQueue() {
  return new RequestQueue({ maxInFlightRequests: null, requestTimeout: 1000, enforceRequestTimeout: false, clientId: 'test', broker: 'b:9092', logger: silent });
}

function request(correlationId: number, sent: number[]) {
  return {
    entry: { correlationId, apiKey: 0, apiName: 'Produce', apiVersion: 7, resolve: () => undefined, reject: () => undefined },
    expectResponse: false,
    sendRequest: () => sent.push(correlationId),
  };
}

describe('kafkajs request queue (patched)', () => {
  it('arms no timer while nothing waits: after a request is sent, and when asked to check', () => {
    const queue = newQueue();
    const sent: number[] = [];

    queue.push(request(1, sent));
    queue.checkPendingRequests();
    queue.scheduleCheckPendingRequests();

    expect(sent).toEqual([1]);
    expect(queue.throttleCheckTimeoutId).toBeNull();
  });

  it('holds requests while the broker throttles the client and sends them when the throttle ends, then arms nothing', async () => {
    const queue = newQueue();
    const sent: number[] = [];
    queue.maybeThrottle(40);

    queue.push(request(1, sent));
    queue.push(request(2, sent));
    expect(sent).toEqual([]);
    expect(queue.throttleCheckTimeoutId).not.toBeNull();

    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(sent).toEqual([1, 2]);
    expect(queue.throttleCheckTimeoutId).toBeNull();
  });
});
