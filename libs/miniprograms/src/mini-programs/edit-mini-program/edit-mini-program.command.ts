import { EDIT_MINI_PROGRAM } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** Its name, description, category or target apps changed (merchant members, or an ISV with CONFIGURE). */
export class EditMiniProgram extends RequestCommand(EDIT_MINI_PROGRAM) {}
