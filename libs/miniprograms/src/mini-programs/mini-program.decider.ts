import semver from 'semver';
import {
  Domains,
  GrayPercent,
  MAX_SCREENSHOTS,
  MINI_PROGRAM_CREATED,
  MINI_PROGRAM_EDITED,
  MiniProgramEditedV1,
  MiniProgramContent,
  MiniProgramCreatedV1,
  MiniProgramMemberRole,
  MiniProgramStatus,
  ReleaseMode,
  ScreenshotView,
  StoredImage,
  StoredPackage,
  TemplateOrigin,
  ExtConfig,
  VersionStatus,
  UploadedPackageVersion,
  HOST_APP_IDS,
  INDUSTRY_IDS,
  VERSION_SUBMITTED,
  VERSION_APPROVED,
  VERSION_REJECTED,
  VERSION_RELEASED,
  GRAY_RELEASE_STARTED,
  ROLLED_BACK,
  VersionSubmittedV1,
  VersionApprovedV1,
  VersionRejectedV1,
  VersionReleasedV1,
  GrayReleaseStartedV1,
  RolledBackV1,
} from '@mpp/contracts';
// Public (versions.events.ts): what webhooks and feeds tell the merchant and the ISV; re-exported for this context.
export { VERSION_SUBMITTED, VERSION_APPROVED, VERSION_REJECTED, VERSION_RELEASED, GRAY_RELEASE_STARTED, ROLLED_BACK };
import { Decider, eventTypesOf } from '@mpp/eventsourcing';
import { AppError, FieldError, own } from '@mpp/platform';
import { checkBusinessParams, checkDomains } from '../configuration/configuration-rules';
import { checkStoredImage } from '../configuration/ui-asset-rules';
import {
  ALREADY_A_MEMBER,
  ANOTHER_VERSION_IN_PROGRESS,
  FORBIDDEN_ROLE,
  MEMBER_LIMIT_REACHED,
  MEMBER_NOT_FOUND,
  MINI_PROGRAM_EXISTS,
  MINI_PROGRAM_NOT_OFFLINE,
  MINI_PROGRAM_NOT_ONLINE,
  NOTHING_TO_ROLL_BACK,
  TOO_MANY_SCREENSHOTS,
  TOO_MANY_VERSIONS,
  VERSION_EXISTS,
  VERSION_NOT_APPROVED,
  VERSION_NOT_DELETABLE,
  VERSION_NOT_GREATER,
  VERSION_NOT_IN_GRAY,
  VERSION_NOT_IN_REVIEW,
  VERSION_NOT_SUBMITTABLE,
  WITHDRAWAL_LIMIT_REACHED,
  miniProgramNotFound,
  screenshotNotFound,
  versionNotFound,
} from '../miniprograms.errors';

// The mini program is one aggregate with its members, versions and configuration: the one-at-a-time review
// rule and "greater than every released version" hold across versions, so they must be decided together.

export const MEMBER_ADDED = 'miniprograms.MemberAdded';
export const MEMBER_REMOVED = 'miniprograms.MemberRemoved';
export const VERSION_UPLOADED = 'miniprograms.VersionUploaded';
export const VERSION_DELETED = 'miniprograms.VersionDeleted';
export const TRIAL_VERSION_SET = 'miniprograms.TrialVersionSet';
export const VERSION_WITHDRAWN = 'miniprograms.VersionWithdrawn';
/** Its submission was expedited (one of the paying workspace's expedites this month): reviewers see it first. */
export const VERSION_EXPEDITED = 'miniprograms.VersionExpedited';
export const GRAY_RELEASE_CANCELED = 'miniprograms.GrayReleaseCanceled';
export const TAKEN_OFFLINE = 'miniprograms.TakenOffline';
export const BROUGHT_ONLINE = 'miniprograms.BroughtOnline';
export const DOMAINS_SET = 'miniprograms.DomainsSet';
export const BUSINESS_PARAMS_SET = 'miniprograms.BusinessParamsSet';
export const ICON_SET = 'miniprograms.IconSet';
export const SCREENSHOT_ADDED = 'miniprograms.ScreenshotAdded';
export const SCREENSHOT_REMOVED = 'miniprograms.ScreenshotRemoved';
/** The mini program's stored ext config (DOMAIN.md 5): the template it is for and its settings. */
export const EXT_CONFIG_SET = 'miniprograms.ExtConfigSet';

export const MEMBER_LIMITS: Record<MiniProgramMemberRole, number> = { DEVELOPER: 50, TESTER: 100 };
export const MAX_VERSIONS_IN_DEVELOPMENT = 20;
export const MAX_WITHDRAWALS_PER_DAY = 5;
/** How many released versions are kept to roll back to. */
export const ROLLBACK_DEPTH = 5;

type At = { at: string };
export type MiniProgramEvent =
  | { type: typeof MINI_PROGRAM_CREATED; data: MiniProgramCreatedV1 }
  | { type: typeof MINI_PROGRAM_EDITED; data: MiniProgramEditedV1 }
  | { type: typeof MEMBER_ADDED; data: At & { accountId: string; role: MiniProgramMemberRole } }
  | { type: typeof MEMBER_REMOVED; data: At & { accountId: string } }
  // A version applied from a template also names it (events stored before templates existed do not).
  | { type: typeof VERSION_UPLOADED; data: At & { version: string; description: string; sha256: string; size: number; uploadedBy: string } & Partial<TemplateOrigin> }
  | { type: typeof VERSION_DELETED | typeof TRIAL_VERSION_SET | typeof VERSION_WITHDRAWN | typeof VERSION_EXPEDITED | typeof GRAY_RELEASE_CANCELED; data: At & { version: string } }
  | { type: typeof VERSION_SUBMITTED; data: VersionSubmittedV1 }
  | { type: typeof VERSION_APPROVED; data: VersionApprovedV1 }
  | { type: typeof VERSION_REJECTED; data: VersionRejectedV1 }
  | { type: typeof VERSION_RELEASED; data: VersionReleasedV1 }
  | { type: typeof GRAY_RELEASE_STARTED; data: GrayReleaseStartedV1 & { percent: GrayPercent } }
  | { type: typeof ROLLED_BACK; data: RolledBackV1 }
  | { type: typeof TAKEN_OFFLINE | typeof BROUGHT_ONLINE; data: At }
  | { type: typeof DOMAINS_SET; data: At & { domains: Domains } }
  | { type: typeof BUSINESS_PARAMS_SET; data: At & { params: Record<string, string> } }
  | { type: typeof ICON_SET; data: At & StoredImage }
  | { type: typeof SCREENSHOT_ADDED; data: At & StoredImage & { screenshotId: string } }
  | { type: typeof SCREENSHOT_REMOVED; data: At & { screenshotId: string } }
  | { type: typeof EXT_CONFIG_SET; data: At & StoredExtConfig };

/** Every event of a mini program's stream (what its projection reads). */
export const MINI_PROGRAM_EVENT_TYPES = eventTypesOf<MiniProgramEvent>({
  [MINI_PROGRAM_CREATED]: true,
  [MINI_PROGRAM_EDITED]: true,
  [MEMBER_ADDED]: true,
  [MEMBER_REMOVED]: true,
  [VERSION_UPLOADED]: true,
  [VERSION_DELETED]: true,
  [TRIAL_VERSION_SET]: true,
  [VERSION_WITHDRAWN]: true,
  [VERSION_EXPEDITED]: true,
  [GRAY_RELEASE_CANCELED]: true,
  [VERSION_SUBMITTED]: true,
  [VERSION_APPROVED]: true,
  [VERSION_REJECTED]: true,
  [VERSION_RELEASED]: true,
  [GRAY_RELEASE_STARTED]: true,
  [ROLLED_BACK]: true,
  [TAKEN_OFFLINE]: true,
  [BROUGHT_ONLINE]: true,
  [DOMAINS_SET]: true,
  [BUSINESS_PARAMS_SET]: true,
  [ICON_SET]: true,
  [SCREENSHOT_ADDED]: true,
  [SCREENSHOT_REMOVED]: true,
  [EXT_CONFIG_SET]: true,
});

export type MiniProgramCommand =
  | { type: 'CreateMiniProgram'; miniProgramId: string; ownerWorkspaceId: string; content: MiniProgramContent }
  | { type: 'EditMiniProgram'; changes: Partial<MiniProgramContent> }
  | { type: 'AddMember'; accountId: string; role: MiniProgramMemberRole }
  | { type: 'RemoveMember'; accountId: string }
  /**
   * `template`: the version is applied from a template (its ext config checked already); `storesExtConfig`: the ext
   * config was given with the application, and is stored (one taken from the store is not written back).
   */
  | { type: 'UploadVersion'; version: string; description: string; package: StoredPackage; template?: TemplateOrigin; storesExtConfig?: boolean }
  | { type: 'DeleteVersion' | 'SetTrial' | 'WithdrawVersion' | 'ExpediteVersion' | 'ApproveVersion' | 'CompleteGray' | 'CancelGray'; version: string }
  | { type: 'SubmitVersion'; version: string; releaseMode: ReleaseMode; note?: string }
  | { type: 'RejectVersion'; version: string; reason: string }
  | { type: 'ReleaseVersion'; version: string; grayPercent?: GrayPercent }
  | { type: 'Rollback' | 'TakeOffline' | 'BringOnline' }
  | { type: 'SetDomains'; domains: Partial<Domains> }
  | { type: 'SetBusinessParams'; params: Record<string, string> }
  | { type: 'SetIcon' | 'AddScreenshot'; image: StoredImage }
  | { type: 'RemoveScreenshot'; screenshotId: string }
  /** The ext config, already checked against the template's newest PUBLISHED version. */
  | { type: 'SetExtConfig'; templateId: string; extConfig: ExtConfig };

export interface StoredExtConfig {
  templateId: string;
  extConfig: ExtConfig;
}

export interface VersionState extends UploadedPackageVersion {
  status: VersionStatus;
  releaseMode?: ReleaseMode;
  grayPercent?: GrayPercent;
  reason?: string;
  note?: string;
  /** When the version was last submitted; cleared by a withdrawal. */
  submittedAt?: string;
  /** The current submission was expedited; cleared by a withdrawal or a new submission. */
  expedited?: true;
  templateId?: string;
  templateVersion?: string;
  extConfig?: ExtConfig;
}

export type MiniProgramState =
  | { status: 'NONE' }
  | (MiniProgramContent & {
      status: MiniProgramStatus;
      miniProgramId: string;
      ownerWorkspaceId: string;
      onlineVersion: string | null;
      trialVersion: string | null;
      grayVersion: string | null;
      members: Record<string, { role: MiniProgramMemberRole; addedAt: string }>;
      versions: Record<string, VersionState>;
      /** Released versions, oldest first, the last ROLLBACK_DEPTH kept for rollback. */
      released: string[];
      /** When each submission was withdrawn (for the daily limit). */
      withdrawals: string[];
      domains: Domains;
      businessParams: Record<string, string>;
      /** Its icon; absent until one is set (and in states stored before UI assets existed). */
      icon?: StoredImage;
      /** Its screenshots in the order added; absent in states stored before UI assets existed. */
      screenshots?: ScreenshotView[];
      /** Absent in states folded before templates existed: none stored. */
      extConfig?: StoredExtConfig | null;
      createdAt: string;
      updatedAt: string;
    });

/** A mini program that has been created. */
export type ExistingMiniProgram = Exclude<MiniProgramState, { status: 'NONE' }>;

const NO_DOMAINS: Domains = { request: [], upload: [], download: [], socket: [], webview: [] };
/** Versions that still go through development: they count against the limit and may be submitted. */
const IN_DEVELOPMENT: VersionStatus[] = ['UPLOADED', 'IN_REVIEW', 'APPROVED', 'REJECTED'];
/** At most one version of a mini program is in one of these at a time (DOMAIN.md 4). */
const IN_PROGRESS: VersionStatus[] = ['IN_REVIEW', 'APPROVED', 'GRAY'];
/** Versions that have reached users: a new version must be greater than all of them. */
const REACHED_USERS: VersionStatus[] = ['GRAY', 'RELEASED', 'SUPERSEDED', 'OFFLINE'];

/** The content rules the gateway's DTO also applies; checked here so no other caller can store bad content. */
export function checkMiniProgramContent(content: MiniProgramContent): void {
  const errors: FieldError[] = [];
  if (!content.name?.trim() || content.name.length > 60) errors.push({ field: 'name', message: 'must be 1 to 60 characters' });
  if (typeof content.description !== 'string' || content.description.length > 2000) errors.push({ field: 'description', message: 'must be at most 2000 characters' });
  if (!INDUSTRY_IDS.includes(content.category)) errors.push({ field: 'category', message: `must be one of ${INDUSTRY_IDS.join(', ')}` });
  if (!Array.isArray(content.targetApps) || content.targetApps.length === 0 || content.targetApps.some((a) => !HOST_APP_IDS.includes(a)) || new Set(content.targetApps).size !== content.targetApps.length) {
    errors.push({ field: 'targetApps', message: `must name one or more of ${HOST_APP_IDS.join(', ')}, each once` });
  }
  if (errors.length) throw AppError.badInput('The mini program is not valid.', errors);
}

/** A version string as semantic versioning orders it (MAJOR.MINOR.PATCH, optional pre-release). */
export function checkVersionString(version: string): void {
  if (typeof version !== 'string' || version.length > 64 || semver.valid(version) !== version) {
    throw AppError.badInput('The version is not valid.', [{ field: 'version', message: 'must be a semantic version such as 1.2.0 or 2.0.0-beta.1' }]);
  }
}

const refuse = (code: string, message: string) => AppError.rule(code, message);

/**
 * The rules on a new version's string, which hold before any byte of its package is read (the upload check
 * asks them too): a semantic version, new, greater than every version that reached users, room in development.
 */
export function checkNewVersion(state: ExistingMiniProgram, version: string): void {
  checkVersionString(version);
  if (own(state.versions, version)) throw AppError.conflict(VERSION_EXISTS, `version ${version} exists already`);
  const reached = Object.values(state.versions).filter((v) => REACHED_USERS.includes(v.status)).map((v) => v.version);
  const highest = reached.sort(semver.rcompare)[0];
  if (highest && !semver.gt(version, highest)) throw refuse(VERSION_NOT_GREATER, `a new version must be greater than ${highest}, which has been released`);
  if (Object.values(state.versions).filter((v) => IN_DEVELOPMENT.includes(v.status)).length >= MAX_VERSIONS_IN_DEVELOPMENT) {
    throw refuse(TOO_MANY_VERSIONS, `at most ${MAX_VERSIONS_IN_DEVELOPMENT} versions in development; delete one first`);
  }
}

/** Room for one more screenshot (the upload check asks this before any byte of the image is read). */
export function checkRoomForScreenshot(state: ExistingMiniProgram): void {
  if ((state.screenshots ?? []).length >= MAX_SCREENSHOTS) throw refuse(TOO_MANY_SCREENSHOTS, `a mini program has at most ${MAX_SCREENSHOTS} screenshots; remove one first`);
}

// A version the state does not hold is left alone: only decide() makes events, and it checks the version exists.
const withVersion = (s: ExistingMiniProgram, version: string, change: Partial<VersionState>, at: string): ExistingMiniProgram => {
  const current = own(s.versions, version);
  return current ? { ...s, versions: { ...s.versions, [version]: { ...current, ...change, updatedAt: at } }, updatedAt: at } : s;
};

/** `version` goes online: the one online before is superseded, the mini program is ONLINE. */
function release(s: ExistingMiniProgram, version: string, at: string): ExistingMiniProgram {
  let next = withVersion(s, version, { status: 'RELEASED', grayPercent: undefined }, at);
  if (s.onlineVersion && s.onlineVersion !== version) next = withVersion(next, s.onlineVersion, { status: 'SUPERSEDED' }, at);
  return { ...next, status: 'ONLINE', onlineVersion: version, grayVersion: null, released: [...s.released.filter((v) => v !== version), version].slice(-ROLLBACK_DEPTH - 1) };
}

const utcDay = (iso: string) => iso.slice(0, 10);

/** The ext config stored, when it is not the one stored already. */
function extConfigSet(state: ExistingMiniProgram, next: StoredExtConfig, at: string): MiniProgramEvent[] {
  if (JSON.stringify(state.extConfig ?? null) === JSON.stringify(next)) return [];
  return [{ type: EXT_CONFIG_SET, data: { ...next, at } }];
}

export const miniProgramDecider: Decider<MiniProgramState, MiniProgramCommand, MiniProgramEvent> = {
  exposesVersion: true,
  initialState: () => ({ status: 'NONE' }),

  evolve(state, event) {
    if (event.type === MINI_PROGRAM_CREATED) {
      const { miniProgramId, ownerWorkspaceId, name, description, category, targetApps, at } = event.data;
      return {
        status: 'DEVELOPING', miniProgramId, ownerWorkspaceId, name, description, category, targetApps, onlineVersion: null, trialVersion: null, grayVersion: null,
        members: {}, versions: {}, released: [], withdrawals: [], domains: NO_DOMAINS, businessParams: {}, screenshots: [], createdAt: at, updatedAt: at,
      };
    }
    if (state.status === 'NONE') return state;
    const at = event.data.at;
    switch (event.type) {
      case MINI_PROGRAM_EDITED: {
        const { miniProgramId: _id, at: _at, ...changes } = event.data;
        return { ...state, ...changes, updatedAt: at };
      }
      case MEMBER_ADDED:
        return { ...state, members: { ...state.members, [event.data.accountId]: { role: event.data.role, addedAt: at } }, updatedAt: at };
      case MEMBER_REMOVED: {
        const { [event.data.accountId]: _gone, ...members } = state.members;
        return { ...state, members, updatedAt: at };
      }
      case VERSION_UPLOADED: {
        const { version, description, sha256, size, uploadedBy, templateId, templateVersion, extConfig } = event.data;
        const origin = templateId ? { templateId, templateVersion, extConfig } : {};
        return { ...state, versions: { ...state.versions, [version]: { version, status: 'UPLOADED', description, sha256, size, uploadedBy, uploadedAt: at, updatedAt: at, ...origin } }, updatedAt: at };
      }
      case VERSION_DELETED: {
        const { [event.data.version]: _gone, ...versions } = state.versions;
        return { ...state, versions, trialVersion: state.trialVersion === event.data.version ? null : state.trialVersion, updatedAt: at };
      }
      case TRIAL_VERSION_SET:
        return { ...state, trialVersion: event.data.version, updatedAt: at };
      case VERSION_SUBMITTED:
        return withVersion(state, event.data.version, { status: 'IN_REVIEW', releaseMode: event.data.releaseMode, note: event.data.note, reason: undefined, submittedAt: at, expedited: undefined }, at);
      case VERSION_WITHDRAWN: {
        const withdrawn = withVersion(state, event.data.version, { status: 'UPLOADED', releaseMode: undefined, submittedAt: undefined, expedited: undefined }, at);
        return { ...withdrawn, withdrawals: [...state.withdrawals.filter((w) => utcDay(w) === utcDay(at)), at] };
      }
      case VERSION_EXPEDITED:
        return withVersion(state, event.data.version, { expedited: true }, at);
      case VERSION_APPROVED:
        return withVersion(state, event.data.version, { status: 'APPROVED' }, at);
      case VERSION_REJECTED:
        return withVersion(state, event.data.version, { status: 'REJECTED', reason: event.data.reason }, at);
      case VERSION_RELEASED:
        return release(state, event.data.version, at);
      case GRAY_RELEASE_STARTED:
        return { ...withVersion(state, event.data.version, { status: 'GRAY', grayPercent: event.data.percent }, at), grayVersion: event.data.version };
      case GRAY_RELEASE_CANCELED:
        return { ...withVersion(state, event.data.version, { status: 'APPROVED', grayPercent: undefined }, at), grayVersion: null };
      case ROLLED_BACK: {
        const next = withVersion(withVersion(state, event.data.from, { status: 'SUPERSEDED' }, at), event.data.to, { status: 'RELEASED' }, at);
        return { ...next, onlineVersion: event.data.to, released: state.released.filter((v) => v !== event.data.from) };
      }
      case TAKEN_OFFLINE:
        return { ...(state.onlineVersion ? withVersion(state, state.onlineVersion, { status: 'OFFLINE' }, at) : state), status: 'OFFLINE', updatedAt: at };
      case BROUGHT_ONLINE:
        return { ...(state.onlineVersion ? withVersion(state, state.onlineVersion, { status: 'RELEASED' }, at) : state), status: 'ONLINE', updatedAt: at };
      case DOMAINS_SET:
        return { ...state, domains: event.data.domains, updatedAt: at };
      case BUSINESS_PARAMS_SET:
        return { ...state, businessParams: event.data.params, updatedAt: at };
      case ICON_SET: {
        const { at: _at, ...icon } = event.data;
        return { ...state, icon, updatedAt: at };
      }
      case SCREENSHOT_ADDED: {
        const { at: addedAt, ...screenshot } = event.data;
        return { ...state, screenshots: [...(state.screenshots ?? []), { ...screenshot, addedAt }], updatedAt: at };
      }
      case SCREENSHOT_REMOVED:
        return { ...state, screenshots: (state.screenshots ?? []).filter((s) => s.screenshotId !== event.data.screenshotId), updatedAt: at };
      case EXT_CONFIG_SET:
        return { ...state, extConfig: { templateId: event.data.templateId, extConfig: event.data.extConfig }, updatedAt: at };
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  },

  decide(command, state, { now, actor, newId }) {
    const at = now.toISOString();
    if (command.type === 'CreateMiniProgram') {
      if (state.status !== 'NONE') throw AppError.conflict(MINI_PROGRAM_EXISTS, 'this mini program exists already');
      checkMiniProgramContent(command.content);
      const { name, description, category, targetApps } = command.content;
      return [{ type: MINI_PROGRAM_CREATED, data: { miniProgramId: command.miniProgramId, ownerWorkspaceId: command.ownerWorkspaceId, name: name.trim(), description, category, targetApps, at } }];
    }
    if (state.status === 'NONE') throw miniProgramNotFound();
    const versionOf = (version: string) => {
      const found = own(state.versions, version);
      if (!found) throw versionNotFound(version);
      return found;
    };
    switch (command.type) {
      case 'AddMember': {
        if (own(state.members, command.accountId)) throw AppError.conflict(ALREADY_A_MEMBER, 'the account is a member already; remove it to change its role');
        const count = Object.values(state.members).filter((m) => m.role === command.role).length;
        if (count >= MEMBER_LIMITS[command.role]) throw refuse(MEMBER_LIMIT_REACHED, `a mini program has at most ${MEMBER_LIMITS[command.role]} ${command.role.toLowerCase()}s`);
        return [{ type: MEMBER_ADDED, data: { accountId: command.accountId, role: command.role, at } }];
      }
      case 'RemoveMember':
        if (!own(state.members, command.accountId)) throw AppError.notFound(MEMBER_NOT_FOUND, 'the account is not a member');
        return [{ type: MEMBER_REMOVED, data: { accountId: command.accountId, at } }];
      case 'UploadVersion': {
        checkNewVersion(state, command.version);
        const { sha256, size } = command.package;
        const uploaded: MiniProgramEvent = { type: VERSION_UPLOADED, data: { version: command.version, description: command.description, sha256, size, uploadedBy: actor?.accountId ?? 'system', ...command.template, at } };
        if (!command.template || !command.storesExtConfig) return [uploaded];
        // Applying a template with an ext config stores it: the next application uses it by default.
        const { templateId, extConfig } = command.template;
        return [uploaded, ...extConfigSet(state, { templateId, extConfig }, at)];
      }
      case 'DeleteVersion':
        if (versionOf(command.version).status !== 'UPLOADED') throw refuse(VERSION_NOT_DELETABLE, 'only a version in development that is not submitted can be deleted');
        return [{ type: VERSION_DELETED, data: { version: command.version, at } }];
      case 'SetTrial':
        versionOf(command.version);
        if (state.trialVersion === command.version) return [];
        return [{ type: TRIAL_VERSION_SET, data: { version: command.version, at } }];
      case 'SubmitVersion': {
        const v = versionOf(command.version);
        if (v.status !== 'UPLOADED' && v.status !== 'REJECTED') throw refuse(VERSION_NOT_SUBMITTABLE, `a version ${v.status} cannot be submitted`);
        const busy = Object.values(state.versions).find((o) => IN_PROGRESS.includes(o.status));
        if (busy) throw AppError.conflict(ANOTHER_VERSION_IN_PROGRESS, `version ${busy.version} is ${busy.status}: one version at a time is in review, approved or in gray release`);
        return [{ type: VERSION_SUBMITTED, data: { version: command.version, releaseMode: command.releaseMode, ...(command.note?.trim() ? { note: command.note.trim() } : {}), at } }];
      }
      case 'WithdrawVersion': {
        if (versionOf(command.version).status !== 'IN_REVIEW') throw refuse(VERSION_NOT_IN_REVIEW, 'only a version in review can be withdrawn');
        const today = state.withdrawals.filter((w) => utcDay(w) === utcDay(at)).length;
        if (today >= MAX_WITHDRAWALS_PER_DAY) throw AppError.rateLimited(WITHDRAWAL_LIMIT_REACHED, `at most ${MAX_WITHDRAWALS_PER_DAY} withdrawals a day (UTC) per mini program`);
        return [{ type: VERSION_WITHDRAWN, data: { version: command.version, at } }];
      }
      case 'ExpediteVersion': {
        const v = versionOf(command.version);
        if (v.status !== 'IN_REVIEW') throw refuse(VERSION_NOT_IN_REVIEW, 'only a version in review can be expedited');
        // Expediting it again changes nothing (and so uses no second expedite).
        if (v.expedited) return [];
        return [{ type: VERSION_EXPEDITED, data: { version: command.version, at } }];
      }
      case 'ApproveVersion':
      case 'RejectVersion': {
        if (!actor?.platformRoles?.includes('REVIEWER')) throw AppError.forbidden(FORBIDDEN_ROLE, 'only reviewers decide versions');
        const v = versionOf(command.version);
        if (v.status !== 'IN_REVIEW') throw refuse(VERSION_NOT_IN_REVIEW, 'only a version in review can be decided');
        if (command.type === 'RejectVersion') {
          if (!command.reason?.trim()) throw AppError.badInput('a rejection needs a reason', [{ field: 'reason', message: 'must not be empty' }]);
          return [{ type: VERSION_REJECTED, data: { version: command.version, reason: command.reason.trim(), reviewerAccountId: actor.accountId, at } }];
        }
        const approved: MiniProgramEvent = { type: VERSION_APPROVED, data: { version: command.version, reviewerAccountId: actor.accountId, at } };
        return v.releaseMode === 'AUTO' ? [approved, { type: VERSION_RELEASED, data: { version: command.version, at } }] : [approved];
      }
      case 'ReleaseVersion': {
        // A version in gray released without a percentage is widened to everyone, as gray/complete does: the
        // batch RELEASE (DOMAIN.md 5) then takes a rollout from gray to full with the single request's command.
        const status = versionOf(command.version).status;
        if (status === 'GRAY' && !command.grayPercent) return [{ type: VERSION_RELEASED, data: { version: command.version, at } }];
        if (status !== 'APPROVED') throw refuse(VERSION_NOT_APPROVED, 'only an approved version, or one in gray widened to full, can be released');
        if (command.grayPercent) return [{ type: GRAY_RELEASE_STARTED, data: { version: command.version, percent: command.grayPercent, at } }];
        return [{ type: VERSION_RELEASED, data: { version: command.version, at } }];
      }
      case 'CompleteGray':
      case 'CancelGray':
        if (versionOf(command.version).status !== 'GRAY') throw refuse(VERSION_NOT_IN_GRAY, 'the version is not in gray release');
        return command.type === 'CompleteGray' ? [{ type: VERSION_RELEASED, data: { version: command.version, at } }] : [{ type: GRAY_RELEASE_CANCELED, data: { version: command.version, at } }];
      case 'Rollback': {
        const previous = state.released.filter((v) => v !== state.onlineVersion && own(state.versions, v)?.status === 'SUPERSEDED').pop();
        if (!state.onlineVersion || !previous || state.status === 'OFFLINE') throw refuse(NOTHING_TO_ROLL_BACK, 'no earlier released version to go back to');
        return [{ type: ROLLED_BACK, data: { from: state.onlineVersion, to: previous, at } }];
      }
      case 'TakeOffline':
        if (state.status !== 'ONLINE') throw refuse(MINI_PROGRAM_NOT_ONLINE, 'only an ONLINE mini program can be taken offline');
        return [{ type: TAKEN_OFFLINE, data: { at } }];
      case 'BringOnline':
        if (state.status !== 'OFFLINE') throw refuse(MINI_PROGRAM_NOT_OFFLINE, 'only an OFFLINE mini program can be brought online');
        return [{ type: BROUGHT_ONLINE, data: { at } }];
      case 'EditMiniProgram': {
        // Only what changes is recorded; an edit that changes nothing is no event.
        const fields = ['name', 'description', 'category', 'targetApps'] as const;
        const given = Object.fromEntries(Object.entries(command.changes).filter(([, value]) => value !== undefined));
        const edited = { ...state, ...given, name: (command.changes.name ?? state.name).trim() };
        checkMiniProgramContent(edited);
        const changed = fields.filter((f) => JSON.stringify(edited[f]) !== JSON.stringify(state[f]));
        if (changed.length === 0) return [];
        return [{ type: MINI_PROGRAM_EDITED, data: { miniProgramId: state.miniProgramId, ...Object.fromEntries(changed.map((f) => [f, edited[f]])), at } }];
      }
      case 'SetDomains':
        return [{ type: DOMAINS_SET, data: { domains: checkDomains(command.domains), at } }];
      case 'SetBusinessParams':
        return [{ type: BUSINESS_PARAMS_SET, data: { params: checkBusinessParams(command.params), at } }];
      case 'SetIcon': {
        const icon = checkStoredImage(command.image, 'ICON');
        // The same bytes again change nothing.
        if (state.icon?.sha256 === icon.sha256) return [];
        return [{ type: ICON_SET, data: { ...icon, at } }];
      }
      case 'AddScreenshot': {
        const image = checkStoredImage(command.image, 'SCREENSHOT');
        checkRoomForScreenshot(state);
        return [{ type: SCREENSHOT_ADDED, data: { screenshotId: newId(), ...image, at } }];
      }
      case 'RemoveScreenshot':
        if (!(state.screenshots ?? []).some((s) => s.screenshotId === command.screenshotId)) throw screenshotNotFound();
        return [{ type: SCREENSHOT_REMOVED, data: { screenshotId: command.screenshotId, at } }];
      case 'SetExtConfig':
        return extConfigSet(state, { templateId: command.templateId, extConfig: command.extConfig }, at);
      default: {
        const unknown: never = command;
        return unknown;
      }
    }
  },
};

export const miniProgramStreamId = (miniProgramId: string) => `MiniProgram-${miniProgramId}`;
