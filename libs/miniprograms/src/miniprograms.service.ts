import { MINIPROGRAMS_PUBLIC_EVENTS } from '@mpp/contracts';
import { knownWorkspacesProjection } from '@mpp/workspace-replica';
import { ServiceDefinition } from '@mpp/application';
import { grantedAuthorizationsProjection } from './access/granted-authorizations.projection';
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
import { MiniprogramsModule } from './miniprograms.module';

/** Mini programs (DOMAIN.md 4); ISVs reach them through the authorizations ordering publishes. */
export const miniprogramsService: ServiceDefinition = {
  name: 'miniprograms',
  module: MiniprogramsModule,
  projections: [knownWorkspacesProjection, grantedAuthorizationsProjection, miniProgramsProjection, batchJobsProjection],
  daemons: (context, requests) => [context.get(BatchJobRunner).using(requests)],
  consumes: ['identity', 'ordering'],
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
    ...BATCH_JOB_REQUESTS,
  ],
};
