import { TemplateVersionView, TemplateView } from '@mpp/contracts';
import { ExistingTemplate, TemplateVersionState } from './template.decider';

export function templateVersionView(templateId: string, v: TemplateVersionState): TemplateVersionView {
  const { version, status, description, sha256, size, uploadedBy, uploadedAt, updatedAt } = v;
  return { templateId, version, status, description, sha256, size, uploadedBy, uploadedAt, updatedAt };
}

/** The detail API.md gives a template, from its state: its versions newest upload first. */
export function templateView(state: ExistingTemplate, version: number): TemplateView {
  const versions = Object.values(state.versions)
    .sort((a, b) => b.uploadedAt.localeCompare(a.uploadedAt) || b.version.localeCompare(a.version))
    .map((v) => templateVersionView(state.templateId, v));
  const { templateId, isvWorkspaceId, name, description, category, targetApps, extSchema, createdAt, updatedAt } = state;
  return { templateId, isvWorkspaceId, name, description, category, targetApps, extSchema, versions, createdAt, updatedAt, version };
}
