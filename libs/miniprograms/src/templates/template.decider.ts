import semver from 'semver';
import {
  StoredPackage,
  TEMPLATE_CREATED,
  TEMPLATE_VERSION_DEPRECATED,
  TEMPLATE_VERSION_PUBLISHED,
  TemplateContent,
  TemplateCreatedV1,
  TemplateVersionChangedV1,
  TemplateVersionStatus,
  UploadedPackageVersion,
} from '@mpp/contracts';
import { Decider, eventTypesOf } from '@mpp/eventsourcing';
import { AppError, own } from '@mpp/platform';
import { checkMiniProgramContent, checkVersionString, MAX_VERSIONS_IN_DEVELOPMENT } from '../mini-programs/mini-program.decider';
import {
  TEMPLATE_EXISTS,
  TEMPLATE_IN_USE,
  TEMPLATE_VERSION_NOT_DRAFT,
  TEMPLATE_VERSION_NOT_PUBLISHED,
  TOO_MANY_VERSIONS,
  VERSION_EXISTS,
  VERSION_NOT_GREATER,
  templateNotFound,
  templateVersionNotFound,
} from '../miniprograms.errors';
import { checkExtSchema } from './ext-schema';

// A template is one aggregate with its versions: "greater than every PUBLISHED version" and "the last PUBLISHED
// one" hold across versions, so they are decided together. Its created, published and deprecated events are
// public (catalog learns from them); the upload of a draft is not.

export const TEMPLATE_VERSION_UPLOADED = 'miniprograms.TemplateVersionUploaded';

type At = { at: string };
/** TemplateCreated carries the public fields (TemplateCreatedV1) and the rest of the template's content. */
export type TemplateCreatedData = TemplateCreatedV1 & Omit<TemplateContent, 'name'>;
export type TemplateEvent =
  | { type: typeof TEMPLATE_CREATED; data: TemplateCreatedData }
  | { type: typeof TEMPLATE_VERSION_UPLOADED; data: At & { version: string; description: string; sha256: string; size: number; uploadedBy: string } }
  | { type: typeof TEMPLATE_VERSION_PUBLISHED | typeof TEMPLATE_VERSION_DEPRECATED; data: TemplateVersionChangedV1 };

/** Every event of a template's stream (what its projection reads). */
export const TEMPLATE_EVENT_TYPES = eventTypesOf<TemplateEvent>({ [TEMPLATE_CREATED]: true, [TEMPLATE_VERSION_UPLOADED]: true, [TEMPLATE_VERSION_PUBLISHED]: true, [TEMPLATE_VERSION_DEPRECATED]: true });

export type TemplateCommand =
  | { type: 'CreateTemplate'; templateId: string; isvWorkspaceId: string; content: TemplateContent }
  | { type: 'UploadTemplateVersion'; version: string; description: string; package: StoredPackage }
  | { type: 'PublishTemplateVersion'; version: string }
  /** `backsOnlineService`: an ONLINE service names the template (from miniprograms' copy of catalog.events). */
  | { type: 'DeprecateTemplateVersion'; version: string; backsOnlineService: boolean };

export interface TemplateVersionState extends UploadedPackageVersion {
  status: TemplateVersionStatus;
}

export type TemplateState =
  | { status: 'NONE' }
  | (TemplateContent & {
      status: 'ACTIVE';
      templateId: string;
      isvWorkspaceId: string;
      versions: Record<string, TemplateVersionState>;
      createdAt: string;
      updatedAt: string;
    });

export type ExistingTemplate = Exclude<TemplateState, { status: 'NONE' }>;

/** The template's PUBLISHED versions, newest first. */
export const publishedVersions = (state: ExistingTemplate): string[] =>
  Object.values(state.versions).filter((v) => v.status === 'PUBLISHED').map((v) => v.version).sort(semver.rcompare);

/** The content rules of a template: those of a mini program's details, and a valid ext schema. */
export function checkTemplateContent(content: TemplateContent): TemplateContent {
  const { extSchema, ...details } = content;
  try {
    checkMiniProgramContent(details);
  } catch (error) {
    // The same field rules as a mini program's details, told as the template's.
    throw error instanceof AppError ? new AppError(error.code, error.category, 'The template is not valid.', error.errors) : error;
  }
  return { ...details, name: details.name.trim(), extSchema: checkExtSchema(extSchema) };
}

/** A version must be greater than every PUBLISHED one, at upload and again at publish (one may be published in between). */
function checkAbovePublished(state: ExistingTemplate, version: string): void {
  const highest = publishedVersions(state)[0];
  if (highest && !semver.gt(version, highest)) throw AppError.rule(VERSION_NOT_GREATER, `a template version must be greater than ${highest}, which is published`);
}

/** The rules on a new template version's string, which hold before any byte of its package is read (the upload check asks them too). */
export function checkNewTemplateVersion(state: ExistingTemplate, version: string): void {
  checkVersionString(version);
  if (own(state.versions, version)) throw AppError.conflict(VERSION_EXISTS, `template version ${version} exists already`);
  checkAbovePublished(state, version);
  if (Object.values(state.versions).filter((v) => v.status === 'DRAFT').length >= MAX_VERSIONS_IN_DEVELOPMENT) {
    throw AppError.rule(TOO_MANY_VERSIONS, `at most ${MAX_VERSIONS_IN_DEVELOPMENT} draft versions; publish one first`);
  }
}

const withVersion = (s: ExistingTemplate, version: string, status: TemplateVersionStatus, at: string): ExistingTemplate => {
  const current = own(s.versions, version);
  return current ? { ...s, versions: { ...s.versions, [version]: { ...current, status, updatedAt: at } }, updatedAt: at } : s;
};

export const templateDecider: Decider<TemplateState, TemplateCommand, TemplateEvent> = {
  exposesVersion: true,
  initialState: () => ({ status: 'NONE' }),

  evolve(state, event) {
    if (event.type === TEMPLATE_CREATED) {
      const { templateId, isvWorkspaceId, name, description, category, targetApps, extSchema, at } = event.data;
      return { status: 'ACTIVE', templateId, isvWorkspaceId, name, description, category, targetApps, extSchema, versions: {}, createdAt: at, updatedAt: at };
    }
    if (state.status === 'NONE') return state;
    const at = event.data.at;
    switch (event.type) {
      case TEMPLATE_VERSION_UPLOADED: {
        const { version, description, sha256, size, uploadedBy } = event.data;
        return { ...state, versions: { ...state.versions, [version]: { version, status: 'DRAFT', description, sha256, size, uploadedBy, uploadedAt: at, updatedAt: at } }, updatedAt: at };
      }
      case TEMPLATE_VERSION_PUBLISHED:
        return withVersion(state, event.data.version, 'PUBLISHED', at);
      case TEMPLATE_VERSION_DEPRECATED:
        return withVersion(state, event.data.version, 'DEPRECATED', at);
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  },

  decide(command, state, { now, actor }) {
    const at = now.toISOString();
    if (command.type === 'CreateTemplate') {
      if (state.status !== 'NONE') throw AppError.conflict(TEMPLATE_EXISTS, 'this template exists already');
      const content = checkTemplateContent(command.content);
      return [{ type: TEMPLATE_CREATED, data: { templateId: command.templateId, isvWorkspaceId: command.isvWorkspaceId, ...content, at } }];
    }
    if (state.status === 'NONE') throw templateNotFound();
    const versionOf = (version: string) => {
      const found = own(state.versions, version);
      if (!found) throw templateVersionNotFound(version);
      return found;
    };
    const changed = (version: string, published: number): TemplateVersionChangedV1 => ({ templateId: state.templateId, isvWorkspaceId: state.isvWorkspaceId, version, publishedVersions: published, at });
    const published = publishedVersions(state).length;
    switch (command.type) {
      case 'UploadTemplateVersion': {
        checkNewTemplateVersion(state, command.version);
        const { sha256, size } = command.package;
        return [{ type: TEMPLATE_VERSION_UPLOADED, data: { version: command.version, description: command.description ?? '', sha256, size, uploadedBy: actor?.accountId ?? 'system', at } }];
      }
      case 'PublishTemplateVersion': {
        const v = versionOf(command.version);
        // Publishing again changes nothing: a PUBLISHED version never changes.
        if (v.status === 'PUBLISHED') return [];
        if (v.status !== 'DRAFT') throw AppError.rule(TEMPLATE_VERSION_NOT_DRAFT, `a ${v.status} template version cannot be published`);
        checkAbovePublished(state, command.version);
        return [{ type: TEMPLATE_VERSION_PUBLISHED, data: changed(command.version, published + 1) }];
      }
      case 'DeprecateTemplateVersion': {
        const v = versionOf(command.version);
        if (v.status === 'DEPRECATED') return [];
        if (v.status !== 'PUBLISHED') throw AppError.rule(TEMPLATE_VERSION_NOT_PUBLISHED, 'only a PUBLISHED template version can be deprecated');
        if (published === 1 && command.backsOnlineService) {
          throw AppError.rule(TEMPLATE_IN_USE, 'an ONLINE service offers this template: it keeps at least one PUBLISHED version until the service goes offline');
        }
        return [{ type: TEMPLATE_VERSION_DEPRECATED, data: changed(command.version, published - 1) }];
      }
      default: {
        const unknown: never = command;
        return unknown;
      }
    }
  },
};

export const templateStreamId = (templateId: string) => `Template-${templateId}`;
