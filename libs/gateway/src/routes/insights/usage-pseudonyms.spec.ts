import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { pseudonymizeUsers } from './usage-pseudonyms';

const KEY = 'k'.repeat(32);

describe('usage pseudonyms', () => {
  it('replaces every user id by the same keyed hash, different for another id or another key, and keeps the rest', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 64 }), fc.string({ minLength: 1, maxLength: 64 }), (a, b) => {
        const [first, again, other] = pseudonymizeUsers([{ userId: a, type: 'LAUNCH' }, { userId: a }, { userId: b }], KEY) as { userId: string; type?: string }[];
        expect(first).toEqual({ userId: createHmac('sha256', KEY).update(a).digest('base64url'), type: 'LAUNCH' });
        expect(again.userId).toBe(first.userId);
        expect(first.userId).not.toContain(a.length > 8 ? a : '\u0000never');
        expect(other.userId === first.userId).toBe(a === b);
        expect((pseudonymizeUsers([{ userId: a }], 'o'.repeat(32))[0] as { userId: string }).userId).not.toBe(first.userId);
      }),
    );
  });

  it('removes a user id that is not one (so the event is refused as malformed), and leaves what is not an event', () => {
    expect(pseudonymizeUsers([{ userId: 'x'.repeat(65), type: 'LAUNCH' }, { userId: 42 }, { userId: '' }, 'text', null, [1]], KEY)).toEqual([{ type: 'LAUNCH' }, {}, {}, 'text', null, [1]]);
  });
});
