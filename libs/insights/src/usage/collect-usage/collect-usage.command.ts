import { COLLECT_USAGE } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/**
 * A host app's batch of usage events (DOMAIN.md 6). Its own idempotency is the events' ids (a repeat within 7 days
 * is a duplicate), so it is never kept for Idempotency-Key replay.
 */
export class CollectUsage extends RequestCommand(COLLECT_USAGE, { replayable: false }) {}
