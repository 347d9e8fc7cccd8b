import {
  PLATFORM_NOTICE_PUBLISHED,
  PLATFORM_NOTICE_WITHDRAWN,
  PlatformNoticePublishedV1,
  PlatformNoticeWithdrawnV1,
} from '@mpp/contracts';
import { Decider, DecisionContext } from '@mpp/eventsourcing';
import { AppError } from '@mpp/platform';

export type PlatformNoticeEvent =
  | { type: typeof PLATFORM_NOTICE_PUBLISHED; data: PlatformNoticePublishedV1 }
  | { type: typeof PLATFORM_NOTICE_WITHDRAWN; data: PlatformNoticeWithdrawnV1 };

export type PlatformNoticeCommand =
  | { type: 'PublishPlatformNotice'; noticeId: string; title: string; body: string }
  | { type: 'WithdrawPlatformNotice'; noticeId: string };

export type PlatformNoticeState =
  | { status: 'NONE' }
  | { status: 'PUBLISHED' | 'WITHDRAWN'; noticeId: string; title: string; body: string; publishedAt: string };

const STAFF_ROLES = ['OPERATOR', 'REVIEWER'];

function requireStaff(context: DecisionContext): void {
  if (!context.actor?.platformRoles?.some((role) => STAFF_ROLES.includes(role))) {
    throw AppError.forbidden('FORBIDDEN_ROLE', 'only platform staff publish notices');
  }
}

export const platformNoticeDecider: Decider<PlatformNoticeState, PlatformNoticeCommand, PlatformNoticeEvent> = {
  exposesVersion: true,
  initialState: () => ({ status: 'NONE' }),

  evolve(state, event) {
    switch (event.type) {
      case PLATFORM_NOTICE_PUBLISHED:
        return { status: 'PUBLISHED', ...event.data };
      case PLATFORM_NOTICE_WITHDRAWN:
        return state.status === 'NONE' ? state : { ...state, status: 'WITHDRAWN' };
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  },

  decide(command, state, context) {
    requireStaff(context);
    switch (command.type) {
      case 'PublishPlatformNotice':
        if (state.status !== 'NONE') throw AppError.conflict('NOTICE_ALREADY_EXISTS', 'this notice exists already');
        return [
          {
            type: PLATFORM_NOTICE_PUBLISHED,
            data: { noticeId: command.noticeId, title: command.title, body: command.body, publishedAt: context.now.toISOString() },
          },
        ];
      case 'WithdrawPlatformNotice':
        if (state.status === 'NONE') throw AppError.notFound('NOTICE_NOT_FOUND', 'no such notice');
        if (state.status === 'WITHDRAWN') throw AppError.rule('NOTICE_ALREADY_WITHDRAWN', 'the notice is withdrawn already');
        return [{ type: PLATFORM_NOTICE_WITHDRAWN, data: { noticeId: command.noticeId, withdrawnAt: context.now.toISOString() } }];
      default: {
        const unknown: never = command;
        return unknown;
      }
    }
  },
};

export const noticeStreamId = (noticeId: string) => `PlatformNotice-${noticeId}`;
