import { PlatformNoticeView } from '@mpp/contracts';
import { PlatformNoticeState } from './platform-notice.decider';

export function toNoticeView(state: Exclude<PlatformNoticeState, { status: 'NONE' }>, version: number): PlatformNoticeView {
  return { noticeId: state.noticeId, title: state.title, body: state.body, status: state.status, publishedAt: state.publishedAt, version };
}
