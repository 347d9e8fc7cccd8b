import { UPLOAD_APPLICATION_LOGO } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** The applicant uploads or replaces the logo while the application is under review. */
export class UploadApplicationLogo extends RequestCommand(UPLOAD_APPLICATION_LOGO) {}
