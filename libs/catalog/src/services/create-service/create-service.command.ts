import { CREATE_SERVICE } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** An ISV's Owner, Admin or Developer creates a service: DRAFT, its name unique within the ISV. */
export class CreateService extends RequestCommand(CREATE_SERVICE) {}
