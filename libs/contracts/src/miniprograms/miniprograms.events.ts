// miniprograms' public events on miniprograms.events (schema version 1), for ordering, catalog, insights and integrations.
import { BATCH_JOB_PUBLIC_EVENTS } from './batch-jobs.events';
import { TEMPLATE_PUBLIC_EVENTS } from './templates.events';
import { VERSION_PUBLIC_EVENTS } from './versions.events';

export const MINI_PROGRAM_CREATED = 'miniprograms.MiniProgramCreated';

export interface MiniProgramCreatedV1 {
  miniProgramId: string;
  ownerWorkspaceId: string;
  name: string;
  description: string;
  category: string;
  targetApps: string[];
  at: string;
}

/** A merchant member or an ISV with CONFIGURE edited its details: the fields changed, with their new values. */
export const MINI_PROGRAM_EDITED = 'miniprograms.MiniProgramEdited';

export interface MiniProgramEditedV1 {
  miniProgramId: string;
  name?: string;
  description?: string;
  category?: string;
  targetApps?: string[];
  at: string;
}

export const MINIPROGRAMS_PUBLIC_EVENTS: readonly string[] = [MINI_PROGRAM_CREATED, MINI_PROGRAM_EDITED, ...VERSION_PUBLIC_EVENTS, ...TEMPLATE_PUBLIC_EVENTS, ...BATCH_JOB_PUBLIC_EVENTS];
