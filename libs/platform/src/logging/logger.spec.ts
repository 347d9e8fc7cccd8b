import { Writable } from 'node:stream';
import pino from 'pino';
import { REDACTED_PATHS } from './logger';

describe('log redaction', () => {
  it('never writes passwords, codes, tokens or the Authorization header', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(chunk.toString()), done()) });
    const logger = pino({ redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, sink);
    logger.info({
      body: { password: 'hunter22', newPassword: 'n3wpass99', code: '123456', refreshToken: 'r-token' },
      err: { code: 'ECONNREFUSED' },
      req: { headers: { authorization: 'Bearer abc.def.ghi', cookie: 'sid=1' } },
      correlationId: 'corr-1',
    }, 'signed up');
    const line = lines.join('');
    for (const secret of ['hunter22', 'n3wpass99', '123456', 'r-token', 'abc.def.ghi', 'sid=1']) expect(line).not.toContain(secret);
    expect(JSON.parse(line)).toMatchObject({ correlationId: 'corr-1', body: { password: '[redacted]' }, err: { code: 'ECONNREFUSED' } });
  });
});
