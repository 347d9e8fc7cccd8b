import { INDUSTRIES, HOST_APPS, MINI_PROGRAM_CREATED, MiniProgramContent, MiniProgramCreatedV1, MiniProgramStatus } from '@mpp/contracts';
import { Decider } from '@mpp/eventsourcing';
import { AppError, FieldError } from '@mpp/platform';

export type MiniProgramEvent = { type: typeof MINI_PROGRAM_CREATED; data: MiniProgramCreatedV1 };

export type MiniProgramCommand = { type: 'CreateMiniProgram'; miniProgramId: string; ownerWorkspaceId: string; content: MiniProgramContent };

export type MiniProgramState =
  | { status: 'NONE' }
  | (MiniProgramContent & { status: MiniProgramStatus; miniProgramId: string; ownerWorkspaceId: string; onlineVersion: string | null; trialVersion: string | null; createdAt: string; updatedAt: string });

const CATEGORIES: readonly string[] = INDUSTRIES.map((i) => i.id);
const APPS: readonly string[] = HOST_APPS.map((a) => a.id);

/** The content rules the gateway's DTO also applies; checked here so no other caller can store bad content. */
export function checkMiniProgramContent(content: MiniProgramContent): void {
  const errors: FieldError[] = [];
  if (!content.name?.trim() || content.name.length > 60) errors.push({ field: 'name', message: 'must be 1 to 60 characters' });
  if (typeof content.description !== 'string' || content.description.length > 2000) errors.push({ field: 'description', message: 'must be at most 2000 characters' });
  if (!CATEGORIES.includes(content.category)) errors.push({ field: 'category', message: `must be one of ${CATEGORIES.join(', ')}` });
  if (!Array.isArray(content.targetApps) || content.targetApps.length === 0 || content.targetApps.some((a) => !APPS.includes(a)) || new Set(content.targetApps).size !== content.targetApps.length) {
    errors.push({ field: 'targetApps', message: `must name one or more of ${APPS.join(', ')}, each once` });
  }
  if (errors.length) throw AppError.badInput('The mini program is not valid.', errors);
}

/** A merchant's mini program (DOMAIN.md 4). Versions, members, configuration and release build on it. */
export const miniProgramDecider: Decider<MiniProgramState, MiniProgramCommand, MiniProgramEvent> = {
  initialState: () => ({ status: 'NONE' }),

  evolve(state, event) {
    if (event.type === MINI_PROGRAM_CREATED) {
      const { miniProgramId, ownerWorkspaceId, name, description, category, targetApps, at } = event.data;
      return { status: 'DEVELOPING', miniProgramId, ownerWorkspaceId, name, description, category, targetApps, onlineVersion: null, trialVersion: null, createdAt: at, updatedAt: at };
    }
    return state;
  },

  decide(command, state, { now }) {
    if (state.status !== 'NONE') throw AppError.conflict('MINI_PROGRAM_EXISTS', 'this mini program exists already');
    checkMiniProgramContent(command.content);
    const { name, description, category, targetApps } = command.content;
    return [{ type: MINI_PROGRAM_CREATED, data: { miniProgramId: command.miniProgramId, ownerWorkspaceId: command.ownerWorkspaceId, name: name.trim(), description, category, targetApps, at: now.toISOString() } }];
  },
};

export const miniProgramStreamId = (miniProgramId: string) => `MiniProgram-${miniProgramId}`;
