import { MiniProgramMemberView, MiniProgramView, VersionView } from '@mpp/contracts';
import { ExistingMiniProgram, VersionState } from './mini-program.decider';

/** The detail API.md gives a mini program, from its state. */
export function miniProgramView(state: ExistingMiniProgram, version: number): MiniProgramView {
  return {
    miniProgramId: state.miniProgramId,
    ownerWorkspaceId: state.ownerWorkspaceId,
    name: state.name,
    description: state.description,
    category: state.category,
    targetApps: state.targetApps,
    status: state.status,
    onlineVersion: state.onlineVersion,
    trialVersion: state.trialVersion,
    grayVersion: state.grayVersion,
    domains: state.domains,
    businessParams: state.businessParams,
    icon: state.icon ?? null,
    screenshots: state.screenshots ?? [],
    templateId: state.extConfig?.templateId ?? null,
    extConfig: state.extConfig?.extConfig ?? null,
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
    version,
  };
}

export function versionView(miniProgramId: string, v: VersionState): VersionView {
  const { version, status, description, sha256, size, uploadedBy, uploadedAt, updatedAt, releaseMode, grayPercent, reason, note, submittedAt, expedited, templateId, templateVersion, extConfig } = v;
  return {
    miniProgramId, version, status, description, sha256, size, uploadedBy, uploadedAt, updatedAt,
    ...(releaseMode ? { releaseMode } : {}),
    ...(grayPercent ? { grayPercent } : {}),
    ...(reason ? { reason } : {}),
    ...(note ? { note } : {}),
    ...(submittedAt ? { submittedAt } : {}),
    ...(expedited ? { expedited } : {}),
    ...(templateId ? { templateId, templateVersion, extConfig } : {}),
  };
}

export const memberViews = (state: ExistingMiniProgram): MiniProgramMemberView[] =>
  Object.entries(state.members).map(([accountId, m]) => ({ accountId, role: m.role, addedAt: m.addedAt })).sort((a, b) => a.addedAt.localeCompare(b.addedAt));
