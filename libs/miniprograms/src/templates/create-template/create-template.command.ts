import { CREATE_TEMPLATE } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** An ISV member creates a template in its workspace, with its ext schema. */
export class CreateTemplate extends RequestCommand(CREATE_TEMPLATE) {}
