import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { PlatformNoticeView } from '@mpp/contracts';
import { SqlClient } from '@mpp/eventsourcing';
import { decodeCursor, Page, toPage } from '@mpp/platform';
import { SQL_CLIENT } from '@mpp/application';
import { ListPlatformNotices } from './list-platform-notices.query';

interface NoticeRow {
  notice_id: string;
  title: string;
  body: string;
  status: PlatformNoticeView['status'];
  published_at: Date | string;
  version: number;
}

/** Newest first, keyset-paginated on (published_at, notice_id). */
@QueryHandler(ListPlatformNotices)
export class ListPlatformNoticesHandler implements IQueryHandler<ListPlatformNotices, Page<PlatformNoticeView>> {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async execute({ limit, cursor, status }: ListPlatformNotices): Promise<Page<PlatformNoticeView>> {
    const after = decodeCursor<{ at: string; id: string }>(cursor, { at: 'timestamp', id: 'string' });
    const { rows } = await this.sql.query<NoticeRow>(
      `SELECT * FROM platform_notices
        WHERE ($1::text IS NULL OR status = $1)
          AND ($2::timestamptz IS NULL OR (published_at, notice_id) < ($2::timestamptz, $3::text))
        ORDER BY published_at DESC, notice_id DESC LIMIT $4`,
      [status ?? null, after?.at ?? null, after?.id ?? null, limit + 1],
    );
    const views = rows.map((r) => ({
      noticeId: r.notice_id,
      title: r.title,
      body: r.body,
      status: r.status,
      publishedAt: new Date(r.published_at).toISOString(),
      version: r.version,
    }));
    return toPage(views, limit, (v) => ({ at: v.publishedAt, id: v.noticeId }));
  }
}
