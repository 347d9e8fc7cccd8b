import { REVOKE_INGESTION_KEY } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** A platform operator revokes a host app's ingestion key: its requests are refused from then on. */
export class RevokeIngestionKey extends RequestCommand(REVOKE_INGESTION_KEY) {}
