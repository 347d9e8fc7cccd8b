import { decodeCursor, encodeCursor, toPage } from './cursor';

describe('list cursors', () => {
  const shape = { at: 'timestamp', id: 'string' } as const;

  it('round-trips the keyset of the last item', () => {
    const cursor = encodeCursor({ at: '2026-11-01T10:00:00.000Z', id: 'n1' });
    expect(decodeCursor(cursor, shape)).toEqual({ at: '2026-11-01T10:00:00.000Z', id: 'n1' });
    expect(decodeCursor(undefined, shape)).toBeUndefined();
  });

  it.each([
    ['not base64 JSON', '%%%'],
    ['a field of the wrong type', encodeCursor({ at: 5, id: 'n1' })],
    ['a timestamp that is not one', encodeCursor({ at: 'x', id: 'y' })],
    ['a missing field', encodeCursor({ at: '2026-11-01T10:00:00.000Z' })],
  ])('refuses %s with 400 INVALID_CURSOR', (_what, cursor) => {
    expect(() => decodeCursor(cursor, shape)).toThrow(expect.objectContaining({ code: 'INVALID_CURSOR', category: 'bad_input' }));
  });

  it('pages with limit + 1 rows and gives a cursor only when there is more', () => {
    const rows = [1, 2, 3].map((n) => ({ n }));
    expect(toPage(rows, 2, (r) => ({ n: r.n }))).toEqual({ items: [{ n: 1 }, { n: 2 }], nextCursor: encodeCursor({ n: 2 }) });
    expect(toPage(rows, 3, (r) => ({ n: r.n })).nextCursor).toBeNull();
  });
});
