// Public workspace events on identity.events (schema version 1), for catalog, ordering and miniprograms.

export const WORKSPACE_APPROVED = 'identity.WorkspaceApproved';
export const MEMBER_ADDED = 'identity.MemberAdded';
export const MEMBER_REMOVED = 'identity.MemberRemoved';
export const INVITATION_ACCEPTED = 'identity.InvitationAccepted';

export interface WorkspaceApprovedV1 {
  workspaceId: string;
  type: 'ISV' | 'MERCHANT';
  name: string;
  ownerAccountId: string;
  applicationId: string;
  approvedAt: string;
}

export interface MemberAddedV1 {
  workspaceId: string;
  accountId: string;
  role: 'OWNER' | 'ADMIN' | 'DEVELOPER' | 'OPERATOR';
  at: string;
}

export interface MemberRemovedV1 {
  workspaceId: string;
  accountId: string;
  /** The role the member had. */
  role: 'ADMIN' | 'DEVELOPER' | 'OPERATOR';
  at: string;
}

export interface InvitationAcceptedV1 {
  workspaceId: string;
  invitationId: string;
  accountId: string;
  role: 'ADMIN' | 'DEVELOPER' | 'OPERATOR';
  at: string;
}
