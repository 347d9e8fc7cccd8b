import { MINIPROGRAMS_PUBLIC_EVENTS } from '@mpp/contracts';
import { knownWorkspacesProjection } from '@mpp/workspace-replica';
import { ServiceDefinition } from '@mpp/application';
import { grantedAuthorizationsProjection } from '@mpp/authorization-replica';
import { BatchJobRunner } from './batch-jobs/batch-job-runner';
import { batchJobsProjection } from './batch-jobs/batch-jobs.projection';
import { BATCH_JOB_REQUESTS } from './batch-jobs/batch-job-requests';
import { AddMember } from './mini-programs/add-member/add-member.command';
import { ApproveVersion } from './mini-programs/approve-version/approve-version.command';
import { BringOnline } from './mini-programs/bring-online/bring-online.command';
import { CancelGray } from './mini-programs/cancel-gray/cancel-gray.command';
import { CompleteGray } from './mini-programs/complete-gray/complete-gray.command';
import { CreateMiniProgram } from './mini-programs/create-mini-program/create-mini-program.command';
import { DeleteVersion } from './mini-programs/delete-version/delete-version.command';
import { GetMiniProgramHistory } from './mini-programs/get-mini-program-history/get-mini-program-history.query';
import { GetMiniProgram } from './mini-programs/get-mini-program/get-mini-program.query';
import { GetVersionHistory } from './mini-programs/get-version-history/get-version-history.query';
import { GetVersion } from './mini-programs/get-version/get-version.query';
import { ListMembers } from './mini-programs/list-members/list-members.query';
import { ListVersionsForReview } from './mini-programs/list-versions-for-review/list-versions-for-review.query';
import { ListVersions } from './mini-programs/list-versions/list-versions.query';
import { ListWorkspaceMiniPrograms } from './mini-programs/list-workspace-mini-programs/list-workspace-mini-programs.query';
import { miniProgramsProjection } from './mini-programs/mini-programs.projection';
import { RejectVersion } from './mini-programs/reject-version/reject-version.command';
import { ReleaseVersion } from './mini-programs/release-version/release-version.command';
import { RemoveMember } from './mini-programs/remove-member/remove-member.command';
import { Rollback } from './mini-programs/rollback/rollback.command';
import { SetBusinessParams } from './mini-programs/set-business-params/set-business-params.command';
import { SetDomains } from './mini-programs/set-domains/set-domains.command';
import { EditMiniProgram } from './mini-programs/edit-mini-program/edit-mini-program.command';
import { SetTrial } from './mini-programs/set-trial/set-trial.command';
import { SubmitVersion } from './mini-programs/submit-version/submit-version.command';
import { TakeOffline } from './mini-programs/take-offline/take-offline.command';
import { CheckUpload } from './mini-programs/upload-version/check-upload.query';
import { UploadVersion } from './mini-programs/upload-version/upload-version.command';
import { WithdrawVersion } from './mini-programs/withdraw-version/withdraw-version.command';
import { UPLOAD_KEY_REQUESTS } from './upload-keys/upload-key-requests';
import { uploadKeysProjection } from './upload-keys/upload-keys.projection';
import { MiniprogramsModule } from './miniprograms.module';
import { CheckUiAssetUpload } from './mini-programs/check-ui-asset-upload/check-ui-asset-upload.query';
import { SetIcon } from './mini-programs/set-icon/set-icon.command';
import { GetIcon } from './mini-programs/get-icon/get-icon.query';
import { AddScreenshot } from './mini-programs/add-screenshot/add-screenshot.command';
import { GetScreenshot } from './mini-programs/get-screenshot/get-screenshot.query';
import { RemoveScreenshot } from './mini-programs/remove-screenshot/remove-screenshot.command';
import { ExpediteVersion } from './review-quota/expedite-version/expedite-version.command';
import { GetReviewQuota } from './review-quota/get-review-quota/get-review-quota.query';
import { SetReviewQuota } from './review-quota/set-review-quota/set-review-quota.command';
import { ApplyTemplate } from './templates/apply-template/apply-template.command';
import { CreateTemplate } from './templates/create-template/create-template.command';
import { DeprecateTemplateVersion } from './templates/deprecate-template-version/deprecate-template-version.command';
import { GetTemplateUsage } from './templates/get-template-usage/get-template-usage.query';
import { GetTemplate } from './templates/get-template/get-template.query';
import { ListWorkspaceTemplates } from './templates/list-workspace-templates/list-workspace-templates.query';
import { PublishTemplateVersion } from './templates/publish-template-version/publish-template-version.command';
import { SetExtConfig } from './templates/set-ext-config/set-ext-config.command';
import { templateServicesProjection } from './templates/template-services.projection';
import { templateUsageProjection } from './templates/template-usage.projection';
import { templatesProjection } from './templates/templates.projection';
import { CheckTemplateUpload } from './templates/upload-template-version/check-template-upload.query';
import { UploadTemplateVersion } from './templates/upload-template-version/upload-template-version.command';

/** Mini programs (DOMAIN.md 4); ISVs reach them through the authorizations ordering publishes. */
export const miniprogramsService: ServiceDefinition = {
  name: 'miniprograms',
  module: MiniprogramsModule,
  projections: [knownWorkspacesProjection, grantedAuthorizationsProjection, miniProgramsProjection, templatesProjection, templateUsageProjection, templateServicesProjection, batchJobsProjection, uploadKeysProjection],
  daemons: (context, requests) => [context.get(BatchJobRunner).using(requests)],
  consumes: ['identity', 'ordering', 'catalog'],
  publishes: MINIPROGRAMS_PUBLIC_EVENTS,
  requests: [
    CreateMiniProgram,
    AddMember,
    RemoveMember,
    UploadVersion,
    DeleteVersion,
    SetTrial,
    SubmitVersion,
    WithdrawVersion,
    ApproveVersion,
    RejectVersion,
    ReleaseVersion,
    CompleteGray,
    CancelGray,
    Rollback,
    TakeOffline,
    BringOnline,
    SetDomains,
    EditMiniProgram,
    SetBusinessParams,
    GetMiniProgram,
    ListWorkspaceMiniPrograms,
    ListMembers,
    ListVersions,
    GetVersion,
    GetMiniProgramHistory,
    GetVersionHistory,
    ListVersionsForReview,
    CheckUpload,
    // UI assets (DOMAIN.md 5)
    CheckUiAssetUpload,
    SetIcon,
    GetIcon,
    AddScreenshot,
    GetScreenshot,
    RemoveScreenshot,
    GetReviewQuota,
    SetReviewQuota,
    ExpediteVersion,
    CreateTemplate,
    ListWorkspaceTemplates,
    GetTemplate,
    CheckTemplateUpload,
    UploadTemplateVersion,
    PublishTemplateVersion,
    DeprecateTemplateVersion,
    GetTemplateUsage,
    ApplyTemplate,
    SetExtConfig,
    ...BATCH_JOB_REQUESTS,
    ...UPLOAD_KEY_REQUESTS,
  ],
};
