// Requests the gateway sends to miniprograms (DOMAIN.md section 4).

export const CREATE_MINI_PROGRAM = 'miniprograms.CreateMiniProgram';
export const LIST_WORKSPACE_MINI_PROGRAMS = 'miniprograms.ListWorkspaceMiniPrograms';
export const GET_MINI_PROGRAM = 'miniprograms.GetMiniProgram';

export interface MiniProgramContent {
  name: string;
  description: string;
  category: string;
  targetApps: string[];
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
  createdAt: string;
  updatedAt: string;
  version: number;
}

export const CHANGE_MINI_PROGRAM = 'miniprograms.ChangeMiniProgram';
export const LIST_MINI_PROGRAM_MEMBERS = 'miniprograms.ListMembers';
export const LIST_VERSIONS = 'miniprograms.ListVersions';
export const GET_VERSION = 'miniprograms.GetVersion';
export const GET_MINI_PROGRAM_HISTORY = 'miniprograms.GetHistory';
export const LIST_VERSIONS_FOR_REVIEW = 'miniprograms.ListVersionsForReview';
/** Asked before a package is streamed in: may this caller upload this version? Answers the limit in bytes. */
export const CHECK_UPLOAD = 'miniprograms.CheckUpload';

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

/** Every change to a mini program after its creation, with the scope an ISV needs for it. */
export type MiniProgramChange =
  | { change: 'ADD_MEMBER'; accountId: string; role: MiniProgramMemberRole }
  | { change: 'REMOVE_MEMBER'; accountId: string }
  | { change: 'UPLOAD_VERSION'; version: string; description: string; package: StoredPackage }
  | { change: 'DELETE_VERSION'; version: string }
  | { change: 'SET_TRIAL'; version: string }
  | { change: 'SUBMIT'; version: string; releaseMode: ReleaseMode; note?: string }
  | { change: 'WITHDRAW'; version: string }
  | { change: 'APPROVE'; version: string }
  | { change: 'REJECT'; version: string; reason: string }
  | { change: 'RELEASE'; version: string; grayPercent?: GrayPercent }
  | { change: 'COMPLETE_GRAY'; version: string }
  | { change: 'CANCEL_GRAY'; version: string }
  | { change: 'ROLLBACK' }
  | { change: 'TAKE_OFFLINE' }
  | { change: 'BRING_ONLINE' }
  | { change: 'SET_DOMAINS'; domains: Domains }
  | { change: 'SET_BUSINESS_PARAMS'; params: Record<string, string> };

export interface ChangeMiniProgramPayload {
  miniProgramId: string;
  change: MiniProgramChange;
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
  uploadedBy: string;
  uploadedAt: string;
  updatedAt: string;
}

export interface MiniProgramMemberView {
  accountId: string;
  role: MiniProgramMemberRole;
  addedAt: string;
}
