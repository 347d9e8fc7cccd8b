// Workspace onboarding requests (identity). DOMAIN.md section 1.

export const SUBMIT_WORKSPACE_APPLICATION = 'identity.SubmitWorkspaceApplication';
export const UPLOAD_APPLICATION_LOGO = 'identity.UploadApplicationLogo';
export const GET_WORKSPACE_APPLICATION = 'identity.GetWorkspaceApplication';
export const LIST_MY_WORKSPACE_APPLICATIONS = 'identity.ListMyWorkspaceApplications';
export const LIST_WORKSPACE_APPLICATIONS_FOR_REVIEW = 'identity.ListWorkspaceApplicationsForReview';
export const APPROVE_WORKSPACE_APPLICATION = 'identity.ApproveWorkspaceApplication';
export const REJECT_WORKSPACE_APPLICATION = 'identity.RejectWorkspaceApplication';
export const GET_WORKSPACE = 'identity.GetWorkspace';
export const GET_WORKSPACE_LOGO = 'identity.GetWorkspaceLogo';
export const LIST_WORKSPACE_MEMBERS = 'identity.ListWorkspaceMembers';
export const INVITE_MEMBER = 'identity.InviteMember';
export const LIST_WORKSPACE_INVITATIONS = 'identity.ListWorkspaceInvitations';
export const WITHDRAW_INVITATION = 'identity.WithdrawInvitation';
export const ACCEPT_INVITATION = 'identity.AcceptInvitation';
export const DECLINE_INVITATION = 'identity.DeclineInvitation';
export const REMOVE_MEMBER = 'identity.RemoveMember';

export type WorkspaceType = 'ISV' | 'MERCHANT';
export const WORKSPACE_TYPES: readonly WorkspaceType[] = ['ISV', 'MERCHANT'];
export type ApplicationStatus = 'UNDER_REVIEW' | 'APPROVED' | 'REJECTED';
export const APPLICATION_STATUSES: readonly ApplicationStatus[] = ['UNDER_REVIEW', 'APPROVED', 'REJECTED'];
export type MemberRole = 'OWNER' | 'ADMIN' | 'DEVELOPER' | 'OPERATOR';
/** The roles an invitation can give; OWNER comes only from the approved application. */
export const INVITABLE_ROLES: readonly MemberRole[] = ['ADMIN', 'DEVELOPER', 'OPERATOR'];
export type InvitationStatus = 'PENDING' | 'ACCEPTED' | 'DECLINED' | 'WITHDRAWN' | 'EXPIRED';

export interface SubmitWorkspaceApplicationPayload {
  type: WorkspaceType;
  companyName: string;
  businessAddress: string;
  /** ISO 3166-1 alpha-2. */
  countryRegion: string;
  businessRepresentative: string;
  website?: string;
  contactPhone?: string;
  contactEmail?: string;
  acceptTerms: true;
  acceptPrivacyPolicy: true;
}

export interface UploadApplicationLogoPayload {
  applicationId: string;
  /** As the client declared it; the service checks the bytes. */
  contentType: string;
  dataBase64: string;
}

export interface WorkspaceApplicationView {
  applicationId: string;
  status: ApplicationStatus;
  type: WorkspaceType;
  companyName: string;
  businessAddress: string;
  countryRegion: string;
  businessRepresentative: string;
  website?: string;
  contactPhone?: string;
  contactEmail?: string;
  applicantAccountId: string;
  hasLogo: boolean;
  submittedAt: string;
  reason?: string;
  workspaceId?: string;
  decidedAt?: string;
  decidedBy?: string;
  version: number;
}

export interface ReviewDecisionPayload {
  applicationId: string;
  reason?: string;
}

export interface WorkspaceView {
  workspaceId: string;
  name: string;
  type: WorkspaceType;
  logoUrl: string;
  createdAt: string;
  /** Only members see these. */
  businessAddress?: string;
  countryRegion?: string;
  businessRepresentative?: string;
  website?: string;
  contactPhone?: string;
  contactEmail?: string;
  myRole?: MemberRole;
  version?: number;
}

export interface WorkspaceLogo {
  contentType: string;
  dataBase64: string;
}

export interface MemberView {
  accountId: string;
  username: string;
  role: MemberRole;
  joinedAt: string;
}

export interface InvitePayload {
  workspaceId: string;
  email: string;
  role: MemberRole;
}

export interface InvitationView {
  invitationId: string;
  workspaceId: string;
  email: string;
  role: MemberRole;
  status: InvitationStatus;
  invitedBy: string;
  expiresAt: string;
}

export interface ListPayload {
  limit: number;
  cursor?: string;
}
