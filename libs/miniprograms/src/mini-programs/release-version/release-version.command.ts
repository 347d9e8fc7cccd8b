import { RELEASE_VERSION } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** An approved version released (RELEASE): fully (RELEASED) or to 10, 30 or 50 percent (GRAY). */
export class ReleaseVersion extends RequestCommand(RELEASE_VERSION) {}
