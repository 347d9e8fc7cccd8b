import { isTransientError } from './transient-error';

describe('isTransientError', () => {
  it('retries what goes away by itself', () => {
    expect(isTransientError({ code: '08006', message: 'connection failure' })).toBe(true);
    expect(isTransientError({ code: '40P01', message: 'deadlock detected' })).toBe(true);
    expect(isTransientError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isTransientError(Object.assign(new Error('broker gone'), { name: 'KafkaJSConnectionError' }))).toBe(true);
    expect(isTransientError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isTransientError({ code: '57P01', message: 'terminating connection due to administrator command' })).toBe(true);
    expect(isTransientError(new Error('PGlite is closed'))).toBe(true);
  });

  it('does not retry forever what can never succeed', () => {
    expect(isTransientError({ code: '22P02', message: 'invalid input syntax for type uuid' })).toBe(false);
    expect(isTransientError({ code: '23505', message: 'duplicate key' })).toBe(false);
    expect(isTransientError(new TypeError("Cannot read properties of undefined (reading 'x')"))).toBe(false);
    expect(isTransientError('a string')).toBe(false);
  });
});
