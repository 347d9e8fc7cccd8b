// Workspace onboarding requests (identity). DOMAIN.md section 1.
import type { Answers } from '../messaging/request-map';
import type { Empty, Page } from '../messaging/request';

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

export interface ApplicationSubmittedReply {
  applicationId: string;
  status: 'UNDER_REVIEW';
}

export interface ApplicationRef {
  applicationId: string;
}

export interface UploadApplicationLogoPayload extends ApplicationRef {
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

export interface ListWorkspaceApplicationsForReviewPayload extends ListPayload {
  /** Every status when left out. */
  status?: ApplicationStatus;
}

export interface RejectWorkspaceApplicationPayload extends ApplicationRef {
  /** What the applicant should fix; it is mailed to them. */
  reason: string;
}

export interface ApplicationApprovedReply {
  status: 'APPROVED';
  workspaceId: string;
}

export interface ApplicationRejectedReply {
  status: 'REJECTED';
}

export interface WorkspaceRef {
  workspaceId: string;
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

export interface MemberRef extends WorkspaceRef {
  accountId: string;
}

export interface InviteMemberPayload extends WorkspaceRef {
  email: string;
  role: MemberRole;
}

export interface InvitationCreatedReply {
  invitationId: string;
}

export interface InvitationRef {
  invitationId: string;
}

/** A manager withdraws an invitation of their workspace. */
export interface WorkspaceInvitationRef extends WorkspaceRef, InvitationRef {}

export interface InvitationWithdrawnReply {
  status: 'WITHDRAWN';
}

export interface InvitationAcceptedReply {
  status: 'ACCEPTED';
  /** The workspace the caller has joined. */
  workspaceId: string;
}

export interface InvitationDeclinedReply {
  status: 'DECLINED';
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

/** One page of a workspace's members or invitations. */
export interface WorkspaceListPayload extends WorkspaceRef, ListPayload {}

/** identity's workspace requests: one per verb of DOMAIN.md 1 (applications, reviews, members) and per query. */
export interface WorkspaceRequests {
  [SUBMIT_WORKSPACE_APPLICATION]: Answers<SubmitWorkspaceApplicationPayload, ApplicationSubmittedReply>;
  [UPLOAD_APPLICATION_LOGO]: Answers<UploadApplicationLogoPayload, Empty>;
  [GET_WORKSPACE_APPLICATION]: Answers<ApplicationRef, WorkspaceApplicationView>;
  [LIST_MY_WORKSPACE_APPLICATIONS]: Answers<ListPayload, Page<WorkspaceApplicationView>>;
  [LIST_WORKSPACE_APPLICATIONS_FOR_REVIEW]: Answers<ListWorkspaceApplicationsForReviewPayload, Page<WorkspaceApplicationView>>;
  [APPROVE_WORKSPACE_APPLICATION]: Answers<ApplicationRef, ApplicationApprovedReply>;
  [REJECT_WORKSPACE_APPLICATION]: Answers<RejectWorkspaceApplicationPayload, ApplicationRejectedReply>;
  [GET_WORKSPACE]: Answers<WorkspaceRef, WorkspaceView>;
  [GET_WORKSPACE_LOGO]: Answers<WorkspaceRef, WorkspaceLogo>;
  [LIST_WORKSPACE_MEMBERS]: Answers<WorkspaceListPayload, Page<MemberView>>;
  [REMOVE_MEMBER]: Answers<MemberRef, Empty>;
  [INVITE_MEMBER]: Answers<InviteMemberPayload, InvitationCreatedReply>;
  [LIST_WORKSPACE_INVITATIONS]: Answers<WorkspaceListPayload, Page<InvitationView>>;
  [WITHDRAW_INVITATION]: Answers<WorkspaceInvitationRef, InvitationWithdrawnReply>;
  [ACCEPT_INVITATION]: Answers<InvitationRef, InvitationAcceptedReply>;
  [DECLINE_INVITATION]: Answers<InvitationRef, InvitationDeclinedReply>;
}
