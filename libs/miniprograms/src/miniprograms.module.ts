import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { BATCH_JOB_PROVIDERS } from './batch-jobs/batch-job-requests';
import { UPLOAD_KEY_PROVIDERS } from './upload-keys/upload-key-requests';
import { AddMemberHandler } from './mini-programs/add-member/add-member.handler';
import { ApproveVersionHandler } from './mini-programs/approve-version/approve-version.handler';
import { BringOnlineHandler } from './mini-programs/bring-online/bring-online.handler';
import { CancelGrayHandler } from './mini-programs/cancel-gray/cancel-gray.handler';
import { CompleteGrayHandler } from './mini-programs/complete-gray/complete-gray.handler';
import { CreateMiniProgramHandler } from './mini-programs/create-mini-program/create-mini-program.handler';
import { DeleteVersionHandler } from './mini-programs/delete-version/delete-version.handler';
import { GetMiniProgramHistoryHandler } from './mini-programs/get-mini-program-history/get-mini-program-history.handler';
import { GetMiniProgramHandler } from './mini-programs/get-mini-program/get-mini-program.handler';
import { GetVersionHistoryHandler } from './mini-programs/get-version-history/get-version-history.handler';
import { GetVersionHandler } from './mini-programs/get-version/get-version.handler';
import { ListMembersHandler } from './mini-programs/list-members/list-members.handler';
import { ListVersionsForReviewHandler } from './mini-programs/list-versions-for-review/list-versions-for-review.handler';
import { ListVersionsHandler } from './mini-programs/list-versions/list-versions.handler';
import { ListWorkspaceMiniProgramsHandler } from './mini-programs/list-workspace-mini-programs/list-workspace-mini-programs.handler';
import { MiniProgramChanges } from './mini-programs/mini-program-changes';
import { MiniProgramReads } from './mini-programs/mini-program-reads';
import { RejectVersionHandler } from './mini-programs/reject-version/reject-version.handler';
import { ReleaseVersionHandler } from './mini-programs/release-version/release-version.handler';
import { RemoveMemberHandler } from './mini-programs/remove-member/remove-member.handler';
import { RollbackHandler } from './mini-programs/rollback/rollback.handler';
import { SetBusinessParamsHandler } from './mini-programs/set-business-params/set-business-params.handler';
import { SetDomainsHandler } from './mini-programs/set-domains/set-domains.handler';
import { EditMiniProgramHandler } from './mini-programs/edit-mini-program/edit-mini-program.handler';
import { SetTrialHandler } from './mini-programs/set-trial/set-trial.handler';
import { SubmitVersionHandler } from './mini-programs/submit-version/submit-version.handler';
import { TakeOfflineHandler } from './mini-programs/take-offline/take-offline.handler';
import { CheckUploadHandler } from './mini-programs/upload-version/check-upload.handler';
import { UploadVersionHandler } from './mini-programs/upload-version/upload-version.handler';
import { WithdrawVersionHandler } from './mini-programs/withdraw-version/withdraw-version.handler';
import { CheckUiAssetUploadHandler } from './mini-programs/check-ui-asset-upload/check-ui-asset-upload.handler';
import { SetIconHandler } from './mini-programs/set-icon/set-icon.handler';
import { GetIconHandler } from './mini-programs/get-icon/get-icon.handler';
import { AddScreenshotHandler } from './mini-programs/add-screenshot/add-screenshot.handler';
import { GetScreenshotHandler } from './mini-programs/get-screenshot/get-screenshot.handler';
import { RemoveScreenshotHandler } from './mini-programs/remove-screenshot/remove-screenshot.handler';
import { ExpediteVersionHandler } from './review-quota/expedite-version/expedite-version.handler';
import { GetReviewQuotaHandler } from './review-quota/get-review-quota/get-review-quota.handler';
import { ReviewQuotas } from './review-quota/review-quotas';
import { SetReviewQuotaHandler } from './review-quota/set-review-quota/set-review-quota.handler';
import { ApplyTemplateHandler } from './templates/apply-template/apply-template.handler';
import { CreateTemplateHandler } from './templates/create-template/create-template.handler';
import { DeprecateTemplateVersionHandler } from './templates/deprecate-template-version/deprecate-template-version.handler';
import { GetTemplateUsageHandler } from './templates/get-template-usage/get-template-usage.handler';
import { GetTemplateHandler } from './templates/get-template/get-template.handler';
import { ListWorkspaceTemplatesHandler } from './templates/list-workspace-templates/list-workspace-templates.handler';
import { PublishTemplateVersionHandler } from './templates/publish-template-version/publish-template-version.handler';
import { SetExtConfigHandler } from './templates/set-ext-config/set-ext-config.handler';
import { TemplateChanges } from './templates/template-changes';
import { TemplateForMiniProgram } from './templates/template-for-mini-program';
import { CheckTemplateUploadHandler } from './templates/upload-template-version/check-template-upload.handler';
import { UploadTemplateVersionHandler } from './templates/upload-template-version/upload-template-version.handler';

const handlers = [
  CreateMiniProgramHandler,
  AddMemberHandler,
  RemoveMemberHandler,
  UploadVersionHandler,
  DeleteVersionHandler,
  SetTrialHandler,
  SubmitVersionHandler,
  WithdrawVersionHandler,
  ApproveVersionHandler,
  RejectVersionHandler,
  ReleaseVersionHandler,
  CompleteGrayHandler,
  CancelGrayHandler,
  RollbackHandler,
  TakeOfflineHandler,
  BringOnlineHandler,
  SetDomainsHandler,
  EditMiniProgramHandler,
  SetBusinessParamsHandler,
  GetMiniProgramHandler,
  ListWorkspaceMiniProgramsHandler,
  ListMembersHandler,
  ListVersionsHandler,
  GetVersionHandler,
  GetMiniProgramHistoryHandler,
  GetVersionHistoryHandler,
  ListVersionsForReviewHandler,
  CheckUploadHandler,
  // UI assets (DOMAIN.md 5)
  CheckUiAssetUploadHandler,
  SetIconHandler,
  GetIconHandler,
  AddScreenshotHandler,
  GetScreenshotHandler,
  RemoveScreenshotHandler,
  GetReviewQuotaHandler,
  SetReviewQuotaHandler,
  ExpediteVersionHandler,
];

const templateHandlers = [
  CreateTemplateHandler,
  ListWorkspaceTemplatesHandler,
  GetTemplateHandler,
  CheckTemplateUploadHandler,
  UploadTemplateVersionHandler,
  PublishTemplateVersionHandler,
  DeprecateTemplateVersionHandler,
  GetTemplateUsageHandler,
  ApplyTemplateHandler,
  SetExtConfigHandler,
];

@Module({ imports: [CqrsModule.forRoot()], providers: [MiniProgramChanges, MiniProgramReads, ReviewQuotas, TemplateChanges, TemplateForMiniProgram, ...handlers, ...templateHandlers, ...BATCH_JOB_PROVIDERS, ...UPLOAD_KEY_PROVIDERS] })
export class MiniprogramsModule {}
