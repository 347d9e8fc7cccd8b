import {
  INVITABLE_ROLES,
  INVITATION_ACCEPTED,
  InvitationAcceptedV1,
  InvitationStatus,
  MEMBER_ADDED,
  MEMBER_REMOVED,
  MemberAddedV1,
  MemberRemovedV1,
  MemberRole,
  WORKSPACE_APPROVED,
  WorkspaceApprovedV1,
} from '@mpp/contracts';
import { Decider } from '@mpp/eventsourcing';
import { AppError, own } from '@mpp/platform';
import { ApplicationDetails } from '../workspace-applications/workspace-application.decider';
import { alreadyMember, forbiddenWorkspaceRole, invitationExpired, invitationNotFound, invitationNotPending, invitationPending, memberNotFound, ownerCannotBeRemoved, workspaceExists, workspaceNotFound } from '../identity.errors';

export const INVITATION_TTL_MS = 3 * 24 * 3600_000;

// Private events (the public ones are in libs/contracts).
export const WORKSPACE_PROFILE_SET = 'identity.WorkspaceProfileSet';
export const INVITATION_SENT = 'identity.InvitationSent';
export const INVITATION_DECLINED = 'identity.InvitationDeclined';
export const INVITATION_WITHDRAWN = 'identity.InvitationWithdrawn';

export type WorkspaceProfile = Omit<ApplicationDetails, 'type' | 'companyName'> & { logo?: { sha256: string; contentType: string } };

export interface InvitationSentData {
  invitationId: string;
  workspaceId: string;
  workspaceName: string;
  email: string;
  role: MemberRole;
  invitedBy: string;
  expiresAt: string;
  at: string;
}

export type WorkspaceEvent =
  | { type: typeof WORKSPACE_APPROVED; data: WorkspaceApprovedV1 }
  | { type: typeof WORKSPACE_PROFILE_SET; data: WorkspaceProfile }
  | { type: typeof MEMBER_ADDED; data: MemberAddedV1 }
  | { type: typeof MEMBER_REMOVED; data: MemberRemovedV1 }
  | { type: typeof INVITATION_SENT; data: InvitationSentData }
  | { type: typeof INVITATION_ACCEPTED; data: InvitationAcceptedV1 }
  | { type: typeof INVITATION_DECLINED; data: { invitationId: string; at: string } }
  | { type: typeof INVITATION_WITHDRAWN; data: { invitationId: string; at: string } };

export type WorkspaceCommand =
  | { type: 'CreateWorkspace'; workspaceId: string; workspaceType: 'ISV' | 'MERCHANT'; name: string; ownerAccountId: string; applicationId: string; profile: WorkspaceProfile }
  | { type: 'InviteMember'; invitationId: string; email: string; role: MemberRole; inviteeIsMember: boolean }
  /** `actorEmail`: the signed-in account's address; only the invitee may answer. */
  | { type: 'AcceptInvitation'; invitationId: string; actorEmail: string }
  | { type: 'DeclineInvitation'; invitationId: string; actorEmail: string }
  | { type: 'WithdrawInvitation'; invitationId: string }
  | { type: 'RemoveMember'; accountId: string };

export interface Invitation {
  email: string;
  role: MemberRole;
  status: InvitationStatus;
  expiresAt: string;
  invitedBy: string;
}

export type WorkspaceState =
  | { status: 'NONE' }
  | {
      status: 'ACTIVE';
      workspaceId: string;
      type: 'ISV' | 'MERCHANT';
      name: string;
      createdAt: string;
      profile?: WorkspaceProfile;
      members: Record<string, MemberRole>;
      invitations: Record<string, Invitation>;
    };

/** Owner and Admins manage members; anyone else in the workspace gets 403, anyone outside it 404. */
export function requireManager(state: Extract<WorkspaceState, { status: 'ACTIVE' }>, accountId: string | undefined): void {
  const role = accountId ? own(state.members, accountId) : undefined;
  if (!role) throw workspaceNotFound();
  if (role !== 'OWNER' && role !== 'ADMIN') throw forbiddenWorkspaceRole('manage members');
}

function pendingInvitation(state: Extract<WorkspaceState, { status: 'ACTIVE' }>, invitationId: string, actorEmail: string, now: Date): Invitation {
  const invitation = own(state.invitations, invitationId);
  // Someone else's invitation is not shown to exist.
  if (!invitation || invitation.email !== actorEmail) throw invitationNotFound();
  if (invitation.status !== 'PENDING') throw invitationNotPending(invitation.status);
  if (Date.parse(invitation.expiresAt) <= now.getTime()) throw invitationExpired();
  return invitation;
}

export const workspaceDecider: Decider<WorkspaceState, WorkspaceCommand, WorkspaceEvent> = {
  exposesVersion: true,
  initialState: () => ({ status: 'NONE' }),

  evolve(state, event) {
    if (event.type === WORKSPACE_APPROVED) {
      return { status: 'ACTIVE', workspaceId: event.data.workspaceId, type: event.data.type, name: event.data.name, createdAt: event.data.approvedAt, members: {}, invitations: {} };
    }
    if (state.status === 'NONE') return state;
    // An invitation the state does not hold is left alone (decide() only answers invitations it holds).
    const setInvitation = (id: string, change: Partial<Invitation>) => {
      const invitation = own(state.invitations, id);
      return invitation ? { ...state, invitations: { ...state.invitations, [id]: { ...invitation, ...change } } } : state;
    };
    switch (event.type) {
      case WORKSPACE_PROFILE_SET:
        return { ...state, profile: event.data };
      case MEMBER_ADDED:
        return { ...state, members: { ...state.members, [event.data.accountId]: event.data.role } };
      case MEMBER_REMOVED: {
        const { [event.data.accountId]: _removed, ...members } = state.members;
        return { ...state, members };
      }
      case INVITATION_SENT: {
        const { invitationId, email, role, expiresAt, invitedBy } = event.data;
        return { ...state, invitations: { ...state.invitations, [invitationId]: { email, role, expiresAt, invitedBy, status: 'PENDING' } } };
      }
      case INVITATION_ACCEPTED:
        return setInvitation(event.data.invitationId, { status: 'ACCEPTED' });
      case INVITATION_DECLINED:
        return setInvitation(event.data.invitationId, { status: 'DECLINED' });
      case INVITATION_WITHDRAWN:
        return setInvitation(event.data.invitationId, { status: 'WITHDRAWN' });
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  },

  decide(command, state, { now, actor }) {
    const at = now.toISOString();
    if (command.type === 'CreateWorkspace') {
      if (state.status !== 'NONE') throw workspaceExists();
      const { workspaceId, workspaceType, name, ownerAccountId, applicationId, profile } = command;
      return [
        { type: WORKSPACE_APPROVED, data: { workspaceId, type: workspaceType, name, ownerAccountId, applicationId, approvedAt: at } },
        { type: WORKSPACE_PROFILE_SET, data: profile },
        { type: MEMBER_ADDED, data: { workspaceId, accountId: ownerAccountId, role: 'OWNER', at } },
      ];
    }
    if (state.status === 'NONE') throw workspaceNotFound();
    const { workspaceId } = state;
    switch (command.type) {
      case 'InviteMember': {
        requireManager(state, actor?.accountId);
        if (!INVITABLE_ROLES.includes(command.role)) throw AppError.badInput('role must be ADMIN, DEVELOPER or OPERATOR', [{ field: 'role', message: 'not invitable' }]);
        if (command.inviteeIsMember) throw alreadyMember('this person is a member already');
        const pending = Object.values(state.invitations).some((i) => i.email === command.email && i.status === 'PENDING' && Date.parse(i.expiresAt) > now.getTime());
        if (pending) throw invitationPending();
        return [
          {
            type: INVITATION_SENT,
            data: {
              invitationId: command.invitationId,
              workspaceId,
              workspaceName: state.name,
              email: command.email,
              role: command.role,
              invitedBy: actor?.accountId ?? '',
              expiresAt: new Date(now.getTime() + INVITATION_TTL_MS).toISOString(),
              at,
            },
          },
        ];
      }
      case 'AcceptInvitation': {
        const invitation = pendingInvitation(state, command.invitationId, command.actorEmail, now);
        const accountId = actor?.accountId ?? '';
        if (own(state.members, accountId)) throw alreadyMember('you are a member already');
        const role = invitation.role as InvitationAcceptedV1['role'];
        return [
          { type: INVITATION_ACCEPTED, data: { workspaceId, invitationId: command.invitationId, accountId, role, at } },
          { type: MEMBER_ADDED, data: { workspaceId, accountId, role, at } },
        ];
      }
      case 'DeclineInvitation':
        pendingInvitation(state, command.invitationId, command.actorEmail, now);
        return [{ type: INVITATION_DECLINED, data: { invitationId: command.invitationId, at } }];
      case 'WithdrawInvitation': {
        requireManager(state, actor?.accountId);
        const invitation = own(state.invitations, command.invitationId);
        if (!invitation) throw invitationNotFound();
        if (invitation.status !== 'PENDING') throw invitationNotPending(invitation.status);
        return [{ type: INVITATION_WITHDRAWN, data: { invitationId: command.invitationId, at } }];
      }
      case 'RemoveMember': {
        requireManager(state, actor?.accountId);
        const role = own(state.members, command.accountId);
        if (!role) throw memberNotFound();
        if (role === 'OWNER') throw ownerCannotBeRemoved();
        return [{ type: MEMBER_REMOVED, data: { workspaceId, accountId: command.accountId, role: role as MemberRemovedV1['role'], at } }];
      }
      default: {
        const unknown: never = command;
        return unknown;
      }
    }
  },
};

export const workspaceStreamId = (workspaceId: string) => `Workspace-${workspaceId}`;
/** Points an invitation id at its workspace: the accept and decline routes carry only the invitation id. */
export const invitationRefStreamId = (invitationId: string) => `InvitationRef-${invitationId}`;
