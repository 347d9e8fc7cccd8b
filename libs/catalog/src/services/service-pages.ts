import { Page, ServiceView } from '@mpp/contracts';
import { decodeCursor, toPage } from '@mpp/platform';

/** Service lists are keyset-paginated on (updated_at, service_id): the keyset the cursor holds. */
export const serviceKeyset = (cursor: string | undefined) => decodeCursor<{ at: string; id: string }>(cursor, { at: 'timestamp', id: 'string' });

/** One page of the rows fetched with limit + 1. */
export const servicePage = (rows: { view: ServiceView }[], limit: number): Page<ServiceView> =>
  toPage(
    rows.map((r) => r.view),
    limit,
    (v) => ({ at: v.updatedAt, id: v.serviceId }),
  );
