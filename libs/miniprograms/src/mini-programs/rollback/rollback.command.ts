import { ROLLBACK } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** Back to the previous released version (RELEASE). */
export class Rollback extends RequestCommand(ROLLBACK) {}
