// Requests the gateway sends to miniprograms (DOMAIN.md section 4).
import type { Answers } from '../messaging/request-map';
import type { Page } from '../messaging/request';
import type { ScreenshotView, StoredImage } from './ui-assets.requests';

export const CREATE_MINI_PROGRAM = 'miniprograms.CreateMiniProgram';
export const ADD_MINI_PROGRAM_MEMBER = 'miniprograms.AddMember';
export const REMOVE_MINI_PROGRAM_MEMBER = 'miniprograms.RemoveMember';
export const UPLOAD_VERSION = 'miniprograms.UploadVersion';
export const DELETE_VERSION = 'miniprograms.DeleteVersion';
export const SET_TRIAL = 'miniprograms.SetTrial';
export const SUBMIT_VERSION = 'miniprograms.SubmitVersion';
export const WITHDRAW_VERSION = 'miniprograms.WithdrawVersion';
export const APPROVE_VERSION = 'miniprograms.ApproveVersion';
export const REJECT_VERSION = 'miniprograms.RejectVersion';
export const RELEASE_VERSION = 'miniprograms.ReleaseVersion';
export const COMPLETE_GRAY = 'miniprograms.CompleteGray';
export const CANCEL_GRAY = 'miniprograms.CancelGray';
export const ROLLBACK = 'miniprograms.Rollback';
export const TAKE_OFFLINE = 'miniprograms.TakeOffline';
export const BRING_ONLINE = 'miniprograms.BringOnline';
export const SET_DOMAINS = 'miniprograms.SetDomains';
export const EDIT_MINI_PROGRAM = 'miniprograms.EditMiniProgram';
export const SET_BUSINESS_PARAMS = 'miniprograms.SetBusinessParams';
export const GET_MINI_PROGRAM = 'miniprograms.GetMiniProgram';
export const LIST_WORKSPACE_MINI_PROGRAMS = 'miniprograms.ListWorkspaceMiniPrograms';
export const LIST_MINI_PROGRAM_MEMBERS = 'miniprograms.ListMembers';
export const LIST_VERSIONS = 'miniprograms.ListVersions';
export const GET_VERSION = 'miniprograms.GetVersion';
export const GET_MINI_PROGRAM_HISTORY = 'miniprograms.GetMiniProgramHistory';
export const GET_VERSION_HISTORY = 'miniprograms.GetVersionHistory';
export const LIST_VERSIONS_FOR_REVIEW = 'miniprograms.ListVersionsForReview';
/** Asked before a package is streamed in: may this caller upload this version? Answers the limit in bytes. */
export const CHECK_UPLOAD = 'miniprograms.CheckUpload';

export interface MiniProgramContent {
  name: string;
  description: string;
  category: string;
  targetApps: string[];
}

/** The fields to change; those left out keep their values. */
export interface EditMiniProgramPayload extends Partial<MiniProgramContent> {
  miniProgramId: string;
}

export interface CreateMiniProgramPayload extends MiniProgramContent {
  workspaceId: string;
}

/** DEVELOPING until a version is released; ONLINE while one is; OFFLINE when taken offline. */
export type MiniProgramStatus = 'DEVELOPING' | 'ONLINE' | 'OFFLINE';

export interface MiniProgramView extends MiniProgramContent {
  miniProgramId: string;
  ownerWorkspaceId: string;
  status: MiniProgramStatus;
  onlineVersion: string | null;
  trialVersion: string | null;
  /** The version in gray release, and to how many percent of users. */
  grayVersion?: string | null;
  domains?: Record<'request' | 'upload' | 'download' | 'socket' | 'webview', string[]>;
  businessParams?: Record<string, string>;
  /** Its icon (GET .../icon), null when none has been set. */
  icon?: StoredImage | null;
  /** Its screenshots in the order added (GET .../screenshots/{screenshotId}). */
  screenshots?: ScreenshotView[];
  /** The template its stored ext config is for, and that config (DOMAIN.md 5); null when none is stored. */
  templateId?: string | null;
  extConfig?: Record<string, string | number | boolean> | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export type MiniProgramMemberRole = 'DEVELOPER' | 'TESTER';
export type VersionStatus = 'UPLOADED' | 'IN_REVIEW' | 'APPROVED' | 'REJECTED' | 'GRAY' | 'RELEASED' | 'SUPERSEDED' | 'OFFLINE';
export const VERSION_STATUSES: readonly VersionStatus[] = ['UPLOADED', 'IN_REVIEW', 'APPROVED', 'REJECTED', 'GRAY', 'RELEASED', 'SUPERSEDED', 'OFFLINE'];
export type ReleaseMode = 'MANUAL' | 'AUTO';
export const GRAY_PERCENTS = [10, 30, 50] as const;
export type GrayPercent = (typeof GRAY_PERCENTS)[number];
export const DOMAIN_KINDS = ['request', 'upload', 'download', 'socket', 'webview'] as const;
export type DomainKind = (typeof DOMAIN_KINDS)[number];
export type Domains = Record<DomainKind, string[]>;

/** A package the gateway has stored and checked: content-addressed by its SHA-256. */
export interface StoredPackage {
  sha256: string;
  size: number;
}

export interface MiniProgramRef {
  miniProgramId: string;
}

export interface VersionRef extends MiniProgramRef {
  version: string;
}

export interface MiniProgramMemberRef extends MiniProgramRef {
  accountId: string;
}

export interface AddMemberPayload extends MiniProgramMemberRef {
  role: MiniProgramMemberRole;
}

export interface UploadVersionPayload extends VersionRef {
  description: string;
  package: StoredPackage;
}

export interface SubmitVersionPayload extends VersionRef {
  releaseMode: ReleaseMode;
  /** Why it is submitted again, after a rejection. */
  note?: string;
}

export interface RejectVersionPayload extends VersionRef {
  reason: string;
}

export interface ReleaseVersionPayload extends VersionRef {
  /** To this percent of users (GRAY); to everyone when left out. */
  grayPercent?: GrayPercent;
}

export interface SetDomainsPayload extends MiniProgramRef {
  domains: Domains;
}

export interface SetBusinessParamsPayload extends MiniProgramRef {
  params: Record<string, string>;
}

export interface ListWorkspaceMiniProgramsPayload {
  workspaceId: string;
  limit: number;
  cursor?: string;
}

export interface ListVersionsForReviewPayload {
  /** IN_REVIEW when left out. */
  status?: VersionStatus;
  limit: number;
  cursor?: string;
}

export interface MiniProgramCreatedReply {
  miniProgramId: string;
  version: number;
}

export interface TrialVersionReply {
  trialVersion: string | null;
}

export interface UploadAllowance {
  /** The largest package accepted, in bytes. */
  maxBytes: number;
}

export interface VersionView {
  miniProgramId: string;
  version: string;
  status: VersionStatus;
  description: string;
  sha256: string;
  size: number;
  releaseMode?: ReleaseMode;
  grayPercent?: GrayPercent;
  reason?: string;
  note?: string;
  /** When it was last submitted for review (the reviewer queue's order after expedited ones). */
  submittedAt?: string;
  /** Its submission was expedited: reviewers see it first. */
  expedited?: true;
  /** For a version applied from a template: the template, its version and the ext config it was applied with. */
  templateId?: string;
  templateVersion?: string;
  extConfig?: Record<string, string | number | boolean>;
  uploadedBy: string;
  uploadedAt: string;
  updatedAt: string;
}

export interface MiniProgramMemberView {
  accountId: string;
  role: MiniProgramMemberRole;
  addedAt: string;
}

export interface MiniProgramMembers {
  items: MiniProgramMemberView[];
}

export interface MiniProgramVersions {
  items: VersionView[];
}

/** One transition of a mini program or of one of its versions. */
export interface MiniProgramHistoryItem {
  type: string;
  /** The account that made it; `system` for the platform's own. */
  actor: string;
  at: string;
  sequence: number;
  version?: string;
  reason?: string;
  note?: string;
  releaseMode?: string;
  grayPercent?: number;
  accountId?: string;
  /** The screenshot added or removed. */
  screenshotId?: string;
  /** The image an icon or screenshot change names. */
  sha256?: string;
  /** A rollback's versions. */
  from?: string;
  to?: string;
}

export interface MiniProgramHistory {
  items: MiniProgramHistoryItem[];
}

/** miniprograms' requests: one per verb of DOMAIN.md 4 and per query. */
export interface MiniProgramsRequests {
  [CREATE_MINI_PROGRAM]: Answers<CreateMiniProgramPayload, MiniProgramCreatedReply>;
  [ADD_MINI_PROGRAM_MEMBER]: Answers<AddMemberPayload, MiniProgramMemberView>;
  [REMOVE_MINI_PROGRAM_MEMBER]: Answers<MiniProgramMemberRef, void>;
  [UPLOAD_VERSION]: Answers<UploadVersionPayload, VersionView>;
  [DELETE_VERSION]: Answers<VersionRef, void>;
  [SET_TRIAL]: Answers<VersionRef, TrialVersionReply>;
  [SUBMIT_VERSION]: Answers<SubmitVersionPayload, VersionView>;
  [WITHDRAW_VERSION]: Answers<VersionRef, VersionView>;
  [APPROVE_VERSION]: Answers<VersionRef, VersionView>;
  [REJECT_VERSION]: Answers<RejectVersionPayload, VersionView>;
  [RELEASE_VERSION]: Answers<ReleaseVersionPayload, VersionView>;
  [COMPLETE_GRAY]: Answers<VersionRef, VersionView>;
  [CANCEL_GRAY]: Answers<VersionRef, VersionView>;
  [ROLLBACK]: Answers<MiniProgramRef, MiniProgramView>;
  [TAKE_OFFLINE]: Answers<MiniProgramRef, MiniProgramView>;
  [BRING_ONLINE]: Answers<MiniProgramRef, MiniProgramView>;
  [SET_DOMAINS]: Answers<SetDomainsPayload, MiniProgramView>;
  [EDIT_MINI_PROGRAM]: Answers<EditMiniProgramPayload, MiniProgramView>;
  [SET_BUSINESS_PARAMS]: Answers<SetBusinessParamsPayload, MiniProgramView>;
  [GET_MINI_PROGRAM]: Answers<MiniProgramRef, MiniProgramView>;
  [LIST_WORKSPACE_MINI_PROGRAMS]: Answers<ListWorkspaceMiniProgramsPayload, Page<MiniProgramView>>;
  [LIST_MINI_PROGRAM_MEMBERS]: Answers<MiniProgramRef, MiniProgramMembers>;
  [LIST_VERSIONS]: Answers<MiniProgramRef, MiniProgramVersions>;
  [GET_VERSION]: Answers<VersionRef, VersionView>;
  [GET_MINI_PROGRAM_HISTORY]: Answers<MiniProgramRef, MiniProgramHistory>;
  [GET_VERSION_HISTORY]: Answers<VersionRef, MiniProgramHistory>;
  [LIST_VERSIONS_FOR_REVIEW]: Answers<ListVersionsForReviewPayload, Page<VersionView>>;
  [CHECK_UPLOAD]: Answers<VersionRef, UploadAllowance>;
}
