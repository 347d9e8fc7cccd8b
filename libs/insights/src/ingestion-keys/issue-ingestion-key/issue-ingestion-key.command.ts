import { ISSUE_INGESTION_KEY } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/**
 * A platform operator issues a host app an ingestion key, shown once. Never replayed for an Idempotency-Key: the
 * command log would keep the answer, and the key in it, in the clear; a retry issues another key.
 */
export class IssueIngestionKey extends RequestCommand(ISSUE_INGESTION_KEY, { replayable: false }) {}
