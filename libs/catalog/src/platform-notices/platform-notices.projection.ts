import { PLATFORM_NOTICE_PUBLISHED, PLATFORM_NOTICE_WITHDRAWN, PlatformNoticePublishedV1 } from '@mpp/contracts';
import { Projection } from '@mpp/eventsourcing';

/** Catalog's read model of the notices identity publishes: the thin slice's proof of the event path. */
export const platformNoticesProjection: Projection = {
  name: 'platform-notices',
  source: 'inbox',
  tables: ['platform_notices'],
  schema: (t) => `
    CREATE TABLE ${t('platform_notices')} (
      notice_id text PRIMARY KEY,
      title text NOT NULL,
      body text NOT NULL,
      status text NOT NULL,
      published_at timestamptz NOT NULL,
      version int NOT NULL
    );
    CREATE INDEX ON ${t('platform_notices')} (published_at DESC, notice_id DESC);`,
  async apply(tx, event, t) {
    switch (event.type) {
      case PLATFORM_NOTICE_PUBLISHED: {
        const data = event.data as unknown as PlatformNoticePublishedV1;
        await tx.query(
          `INSERT INTO ${t('platform_notices')} (notice_id, title, body, status, published_at, version)
           VALUES ($1, $2, $3, 'PUBLISHED', $4, $5) ON CONFLICT (notice_id) DO NOTHING`,
          [data.noticeId, data.title, data.body, data.publishedAt, event.metadata.sequence ?? 1],
        );
        return;
      }
      case PLATFORM_NOTICE_WITHDRAWN:
        await tx.query(`UPDATE ${t('platform_notices')} SET status = 'WITHDRAWN', version = $2 WHERE notice_id = $1`, [
          event.data.noticeId,
          event.metadata.sequence ?? 2,
        ]);
        return;
    }
  },
};
