// miniprograms' public events about ISV templates (DOMAIN.md 5), on miniprograms.events (schema version 1):
// catalog learns from them which templates exist, whose they are and whether one has a PUBLISHED version.

export const TEMPLATE_CREATED = 'miniprograms.TemplateCreated';
export const TEMPLATE_VERSION_PUBLISHED = 'miniprograms.TemplateVersionPublished';
export const TEMPLATE_VERSION_DEPRECATED = 'miniprograms.TemplateVersionDeprecated';

export interface TemplateCreatedV1 {
  templateId: string;
  isvWorkspaceId: string;
  name: string;
  at: string;
}

/** A template version changed status; `publishedVersions` is how many PUBLISHED versions the template has after it. */
export interface TemplateVersionChangedV1 {
  templateId: string;
  isvWorkspaceId: string;
  version: string;
  publishedVersions: number;
  at: string;
}

export const TEMPLATE_PUBLIC_EVENTS: readonly string[] = [TEMPLATE_CREATED, TEMPLATE_VERSION_PUBLISHED, TEMPLATE_VERSION_DEPRECATED];
