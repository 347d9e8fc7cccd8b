import { ARCHIVE_SERVICE } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** The ISV archives its ONLINE service: ARCHIVED, off the market. */
export class ArchiveService extends RequestCommand(ARCHIVE_SERVICE) {}
