// The thin slice that proves every path: staff publish a notice (identity), others project it.

export const PLATFORM_NOTICE_PUBLISHED = 'identity.PlatformNoticePublished';
export const PLATFORM_NOTICE_WITHDRAWN = 'identity.PlatformNoticeWithdrawn';

export interface PlatformNoticePublishedV1 {
  noticeId: string;
  title: string;
  body: string;
  publishedAt: string;
}

export interface PlatformNoticeWithdrawnV1 {
  noticeId: string;
  withdrawnAt: string;
}

/** Requests to identity. */
export const PUBLISH_PLATFORM_NOTICE = 'identity.PublishPlatformNotice';
export const WITHDRAW_PLATFORM_NOTICE = 'identity.WithdrawPlatformNotice';
export const GET_PLATFORM_NOTICE = 'identity.GetPlatformNotice';
/** Request to catalog: the notices as catalog's projection of identity.events holds them. */
export const LIST_PLATFORM_NOTICES = 'catalog.ListPlatformNotices';

export interface PublishPlatformNoticePayload {
  title: string;
  body: string;
}

export interface PlatformNoticeView {
  noticeId: string;
  title: string;
  body: string;
  status: 'PUBLISHED' | 'WITHDRAWN';
  publishedAt: string;
  version: number;
}
