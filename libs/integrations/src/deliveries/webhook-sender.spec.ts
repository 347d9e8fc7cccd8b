import { Webhook } from 'standardwebhooks';
import { webhookHeaders } from './webhook-sender';

// The Standard Webhooks specification's test vector (its README and every reference library's tests).
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: new Date(1614265330 * 1000),
  payload: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

describe('webhook signing (Standard Webhooks)', () => {
  it("signs the specification's test vector to its expected signature", () => {
    const headers = webhookHeaders(VECTOR.id, VECTOR.timestamp, VECTOR.payload, [VECTOR.secret]);
    expect(headers).toMatchObject({ 'webhook-id': VECTOR.id, 'webhook-timestamp': '1614265330', 'webhook-signature': VECTOR.signature });
  });

  it('carries one signature per secret during a rotation, each verifying on its own', () => {
    const now = new Date();
    const secrets = ['whsec_' + Buffer.alloc(32, 1).toString('base64'), 'whsec_' + Buffer.alloc(32, 2).toString('base64')];
    const headers = webhookHeaders('evt-1', now, '{"type":"order.placed"}', secrets);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    for (const secret of secrets) expect(new Webhook(secret).verify('{"type":"order.placed"}', headers)).toEqual({ type: 'order.placed' });
    expect(() => new Webhook('whsec_' + Buffer.alloc(32, 3).toString('base64')).verify('{"type":"order.placed"}', headers)).toThrow();
  });
});
