import { ISSUE_INGESTION_KEY } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** A platform operator issues a host app an ingestion key, shown once. */
export class IssueIngestionKey extends RequestCommand(ISSUE_INGESTION_KEY) {}
