import { PgliteSqlClient } from '@mpp/eventsourcing/pglite';
import { DevMailbox } from './dev-mailbox';
import { OutgoingMail } from './mail';

describe('dev mailbox on PGlite', () => {
  let sql: PgliteSqlClient;
  let mailbox: DevMailbox;

  beforeAll(async () => {
    sql = new PgliteSqlClient();
    mailbox = await new DevMailbox(sql).init();
    await new DevMailbox(sql).init(); // a second start finds its table
  });
  afterAll(() => sql.close());

  const mail = (messageId: string, to: string, subject: string): OutgoingMail => ({ messageId, to, subject, text: `body of ${subject}` });
  const send = (m: OutgoingMail) => sql.transaction((tx) => mailbox.send(m, tx));

  it('lists the mails of one address, newest first, whatever the letter case; a repeated message is kept once', async () => {
    await send(mail('m1', 'ada@example.com', 'first'));
    await send(mail('m2', 'bob@example.com', 'for bob'));
    await send(mail('m3', 'Ada@Example.com', 'second'));
    await send(mail('m1', 'ada@example.com', 'first, sent again'));

    const list = await mailbox.list('ADA@example.COM');
    expect(list.map((m) => m.subject)).toEqual(['second', 'first']);
    expect(list[1]).toEqual({ to: 'ada@example.com', subject: 'first', text: 'body of first', sentAt: expect.any(String) });
    expect(Number.isNaN(Date.parse(list[0].sentAt))).toBe(false);
    expect((await mailbox.list('bob@example.com')).map((m) => m.subject)).toEqual(['for bob']);
    expect(await mailbox.list('nobody@example.com')).toEqual([]);
    expect(await mailbox.list('ada@example.com', 1)).toHaveLength(1);
  });

  it('keeps nothing when the transaction rolls back', async () => {
    await expect(
      sql.transaction(async (tx) => {
        await mailbox.send(mail('m9', 'carol@example.com', 'lost'), tx);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await mailbox.list('carol@example.com')).toEqual([]);
  });
});
