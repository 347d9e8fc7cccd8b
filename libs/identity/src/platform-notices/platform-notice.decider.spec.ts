import { PLATFORM_NOTICE_PUBLISHED, PLATFORM_NOTICE_WITHDRAWN } from '@mpp/contracts';
import { fold } from '@mpp/eventsourcing';
import { PlatformNoticeCommand, platformNoticeDecider, PlatformNoticeEvent } from './platform-notice.decider';

const now = new Date('2026-11-01T10:00:00.000Z');
const staff = { now, newId: () => 'id', actor: { accountId: 'op-1', platformRoles: ['OPERATOR'] } };
const published: PlatformNoticeEvent = {
  type: PLATFORM_NOTICE_PUBLISHED,
  data: { noticeId: 'n1', title: 'Maintenance', body: 'Sunday 02:00', publishedAt: now.toISOString() },
};

const given = (events: PlatformNoticeEvent[]) => ({
  when: (command: PlatformNoticeCommand, context = staff) => () => platformNoticeDecider.decide(command, fold(platformNoticeDecider, events), context),
});

describe('platform notice decider', () => {
  it('publishes a new notice', () => {
    expect(given([]).when({ type: 'PublishPlatformNotice', noticeId: 'n1', title: 'Maintenance', body: 'Sunday 02:00' })()).toEqual([published]);
  });

  it('refuses to publish the same notice twice', () => {
    expect(given([published]).when({ type: 'PublishPlatformNotice', noticeId: 'n1', title: 'x', body: 'y' })).toThrow(
      expect.objectContaining({ code: 'NOTICE_ALREADY_EXISTS', category: 'conflict' }),
    );
  });

  it('refuses anyone who is not platform staff', () => {
    const merchant = { ...staff, actor: { accountId: 'm-1', platformRoles: [] } };
    expect(given([]).when({ type: 'PublishPlatformNotice', noticeId: 'n1', title: 'x', body: 'y' }, merchant)).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN_ROLE', category: 'forbidden' }),
    );
  });

  it('withdraws a published notice once', () => {
    const withdrawn = given([published]).when({ type: 'WithdrawPlatformNotice', noticeId: 'n1' })();
    expect(withdrawn).toEqual([{ type: PLATFORM_NOTICE_WITHDRAWN, data: { noticeId: 'n1', withdrawnAt: now.toISOString() } }]);
    expect(given([published, ...withdrawn]).when({ type: 'WithdrawPlatformNotice', noticeId: 'n1' })).toThrow(
      expect.objectContaining({ code: 'NOTICE_ALREADY_WITHDRAWN', category: 'rule_violation' }),
    );
  });

  it('answers not found for a notice that does not exist', () => {
    expect(given([]).when({ type: 'WithdrawPlatformNotice', noticeId: 'n9' })).toThrow(expect.objectContaining({ code: 'NOTICE_NOT_FOUND' }));
  });
});
