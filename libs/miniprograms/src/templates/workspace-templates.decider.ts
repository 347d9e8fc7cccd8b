import { Decider } from '@mpp/eventsourcing';
import { AppError } from '@mpp/platform';
import { TOO_MANY_TEMPLATES } from '../miniprograms.errors';

/** At most this many templates per ISV workspace (DOMAIN.md 5). */
export const MAX_TEMPLATES_PER_WORKSPACE = 200;

export const TEMPLATE_SLOT_TAKEN = 'miniprograms.TemplateSlotTaken';

// Why a stream per workspace: the limit holds across templates, each its own stream. Counting a projection would
// let two concurrent creates both see 199 (the projection lags, and its transaction is not the append's). Taking a
// slot on this stream appends at the version read, so the event store's optimistic concurrency serializes the
// creates of one workspace and never lets a 201st in. The slot is taken before the template's stream is written:
// a crash in between leaves a slot without a template (one fewer may be created), never one too many.

export type WorkspaceTemplatesEvent = { type: typeof TEMPLATE_SLOT_TAKEN; data: { templateId: string; at: string } };
export type WorkspaceTemplatesCommand = { type: 'TakeTemplateSlot'; templateId: string };
export type WorkspaceTemplatesState = { templates: string[] };

export const workspaceTemplatesDecider: Decider<WorkspaceTemplatesState, WorkspaceTemplatesCommand, WorkspaceTemplatesEvent> = {
  initialState: () => ({ templates: [] }),
  evolve: (state, event) => ({ templates: [...state.templates, event.data.templateId] }),
  decide(command, state, { now }) {
    if (state.templates.includes(command.templateId)) return [];
    if (state.templates.length >= MAX_TEMPLATES_PER_WORKSPACE) throw AppError.rule(TOO_MANY_TEMPLATES, `an ISV workspace has at most ${MAX_TEMPLATES_PER_WORKSPACE} templates`);
    return [{ type: TEMPLATE_SLOT_TAKEN, data: { templateId: command.templateId, at: now.toISOString() } }];
  },
};

export const workspaceTemplatesStreamId = (workspaceId: string) => `WorkspaceTemplates-${workspaceId}`;
