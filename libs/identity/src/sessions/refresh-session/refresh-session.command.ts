import { REFRESH_SESSION } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** A refresh token traded for a new pair; never kept for replay. */
export class RefreshSession extends RequestCommand(REFRESH_SESSION, { replayable: false }) {}
