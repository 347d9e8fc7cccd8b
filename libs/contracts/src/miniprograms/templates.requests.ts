// Requests the gateway sends to miniprograms about ISV templates (DOMAIN.md 5, API.md "Templates").
import type { Answers } from '../messaging/request-map';
import type { Page } from '../messaging/request';
import type { MiniProgramRef, MiniProgramView, StoredPackage, UploadAllowance, VersionView } from './miniprograms.requests';

export const CREATE_TEMPLATE = 'miniprograms.CreateTemplate';
export const LIST_WORKSPACE_TEMPLATES = 'miniprograms.ListWorkspaceTemplates';
export const GET_TEMPLATE = 'miniprograms.GetTemplate';
/** Asked before a template package is streamed in: may this caller upload this template version? Answers the limit in bytes. */
export const CHECK_TEMPLATE_UPLOAD = 'miniprograms.CheckTemplateUpload';
export const UPLOAD_TEMPLATE_VERSION = 'miniprograms.UploadTemplateVersion';
export const PUBLISH_TEMPLATE_VERSION = 'miniprograms.PublishTemplateVersion';
export const DEPRECATE_TEMPLATE_VERSION = 'miniprograms.DeprecateTemplateVersion';
export const GET_TEMPLATE_USAGE = 'miniprograms.GetTemplateUsage';
/** A PUBLISHED template version applied to a mini program: a new UPLOADED version with the template's package. */
export const APPLY_TEMPLATE = 'miniprograms.ApplyTemplate';
export const SET_EXT_CONFIG = 'miniprograms.SetExtConfig';

/** The JSON Schema keywords a template's ext schema may use for one setting (API.md). */
export interface ExtSchemaProperty {
  type: 'string' | 'number' | 'integer' | 'boolean';
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  enum?: (string | number | boolean)[];
}

/** The settings each merchant's copy of a template reads: a JSON Schema object of typed properties. */
export interface ExtSchema {
  type: 'object';
  properties: Record<string, ExtSchemaProperty>;
  required?: string[];
}

/** One mini program's values for its template's settings. */
export type ExtConfig = Record<string, string | number | boolean>;

export interface TemplateContent {
  name: string;
  description: string;
  category: string;
  targetApps: string[];
  extSchema: ExtSchema;
}

export interface CreateTemplatePayload extends TemplateContent {
  workspaceId: string;
}

export interface TemplateRef {
  templateId: string;
}

export interface TemplateVersionRef extends TemplateRef {
  version: string;
}

export type TemplateVersionStatus = 'DRAFT' | 'PUBLISHED' | 'DEPRECATED';

export interface UploadTemplateVersionPayload extends TemplateVersionRef {
  description: string;
  package: StoredPackage;
}

export interface ListWorkspaceTemplatesPayload {
  workspaceId: string;
  limit: number;
  cursor?: string;
}

export interface GetTemplateUsagePayload extends TemplateRef {
  limit: number;
  cursor?: string;
}

/**
 * Exactly what POST /v1/mini-programs/{id}/versions/from-template sends (and a batch job's item, with the mini
 * program): `extConfig` left out means the mini program's stored one.
 */
export interface ApplyTemplatePayload extends MiniProgramRef {
  templateId: string;
  templateVersion: string;
  version: string;
  description?: string;
  extConfig?: ExtConfig;
}

export interface SetExtConfigPayload extends MiniProgramRef {
  templateId: string;
  extConfig: ExtConfig;
}

export interface TemplateCreatedReply {
  templateId: string;
  version: number;
}

/** What every uploaded package version records, a mini program's or a template's: who uploaded what, and when. */
export interface UploadedPackageVersion {
  version: string;
  description: string;
  sha256: string;
  size: number;
  uploadedBy: string;
  uploadedAt: string;
  updatedAt: string;
}

export interface TemplateVersionView extends UploadedPackageVersion {
  templateId: string;
  status: TemplateVersionStatus;
}

export interface TemplateView extends TemplateContent {
  templateId: string;
  isvWorkspaceId: string;
  /** Newest upload first; to callers outside the ISV, only the PUBLISHED ones. */
  versions: TemplateVersionView[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** A mini program made from the template (a version applied from it). */
export interface TemplateUsageItem {
  miniProgramId: string;
  merchantWorkspaceId: string;
  /** The template version of the newest version applied from the template. */
  templateVersion: string;
  onlineVersion: string | null;
  status: MiniProgramView['status'];
  appliedAt: string;
}

/** A mini program version applied from a template: which one, and with which ext config. */
export interface TemplateOrigin {
  templateId: string;
  templateVersion: string;
  extConfig: ExtConfig;
}

/** miniprograms' template requests: one per verb of DOMAIN.md 5 (templates) and per query. */
export interface TemplatesRequests {
  [CREATE_TEMPLATE]: Answers<CreateTemplatePayload, TemplateCreatedReply>;
  [LIST_WORKSPACE_TEMPLATES]: Answers<ListWorkspaceTemplatesPayload, Page<TemplateView>>;
  [GET_TEMPLATE]: Answers<TemplateRef, TemplateView>;
  [CHECK_TEMPLATE_UPLOAD]: Answers<TemplateVersionRef, UploadAllowance>;
  [UPLOAD_TEMPLATE_VERSION]: Answers<UploadTemplateVersionPayload, TemplateVersionView>;
  [PUBLISH_TEMPLATE_VERSION]: Answers<TemplateVersionRef, TemplateVersionView>;
  [DEPRECATE_TEMPLATE_VERSION]: Answers<TemplateVersionRef, TemplateVersionView>;
  [GET_TEMPLATE_USAGE]: Answers<GetTemplateUsagePayload, Page<TemplateUsageItem>>;
  [APPLY_TEMPLATE]: Answers<ApplyTemplatePayload, VersionView>;
  [SET_EXT_CONFIG]: Answers<SetExtConfigPayload, MiniProgramView>;
}
