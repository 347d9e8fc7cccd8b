import { CREATE_MINI_PROGRAM } from '@mpp/contracts';
import { RequestCommand } from '@mpp/messaging';

/** A merchant workspace's member creates a mini program; it belongs to the workspace. */
export class CreateMiniProgram extends RequestCommand(CREATE_MINI_PROGRAM) {}
