import { own } from './own';

describe('own', () => {
  const record: Record<string, number> = { a: 1, zero: 0 };

  it('finds what the record holds, falsy values included', () => {
    expect(own(record, 'a')).toBe(1);
    expect(own(record, 'zero')).toBe(0);
    expect(own(record, 'b')).toBeUndefined();
  });

  it.each(['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__', 'isPrototypeOf'])('finds nothing inherited under %s', (name) => {
    expect(own(record, name)).toBeUndefined();
  });

  it('finds __proto__ as an own key (as JSON.parse and computed keys make it) without touching the prototype', () => {
    const parsed = JSON.parse('{"__proto__": 7}') as Record<string, number>;
    expect(own(parsed, '__proto__')).toBe(7);
    expect(own({ ...record, ['__proto__']: 8 }, '__proto__')).toBe(8);
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
  });
});
