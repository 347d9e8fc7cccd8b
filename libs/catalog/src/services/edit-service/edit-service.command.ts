import { EDIT_SERVICE } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** The ISV changes some fields of its service; editing an ONLINE one starts a revision while the online content stays listed. */
export class EditService extends RequestCommand(EDIT_SERVICE) {}
