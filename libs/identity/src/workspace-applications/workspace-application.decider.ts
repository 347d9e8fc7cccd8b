import { SubmitWorkspaceApplicationPayload, WorkspaceType } from '@mpp/contracts';
import { Decider } from '@mpp/eventsourcing';
import { AppError } from '@mpp/platform';
import { applicationAlreadyDecided, applicationExists, applicationNotFound, forbiddenRole } from '../identity.errors';

export const APPLICATION_SUBMITTED = 'identity.WorkspaceApplicationSubmitted';
export const APPLICATION_LOGO_UPLOADED = 'identity.WorkspaceApplicationLogoUploaded';
export const APPLICATION_APPROVED = 'identity.WorkspaceApplicationApproved';
export const APPLICATION_REJECTED = 'identity.WorkspaceApplicationRejected';

export type ApplicationDetails = Omit<SubmitWorkspaceApplicationPayload, 'acceptTerms' | 'acceptPrivacyPolicy'>;

export interface ApplicationSubmittedData extends ApplicationDetails {
  applicationId: string;
  applicantAccountId: string;
  /** Where decisions are mailed; private, like everything here but the public workspace events. */
  applicantEmail: string;
  termsVersion: string;
  submittedAt: string;
}

export type WorkspaceApplicationEvent =
  | { type: typeof APPLICATION_SUBMITTED; data: ApplicationSubmittedData }
  | { type: typeof APPLICATION_LOGO_UPLOADED; data: { sha256: string; contentType: string; size: number; at: string } }
  | { type: typeof APPLICATION_APPROVED; data: { workspaceId: string; reviewerAccountId: string; applicantEmail: string; companyName: string; at: string } }
  | { type: typeof APPLICATION_REJECTED; data: { reason: string; reviewerAccountId: string; applicantEmail: string; companyName: string; at: string } };

export type WorkspaceApplicationCommand =
  | { type: 'SubmitWorkspaceApplication'; applicationId: string; applicantAccountId: string; applicantEmail: string; details: ApplicationDetails; termsVersion: string }
  | { type: 'UploadApplicationLogo'; sha256: string; contentType: string; size: number }
  | { type: 'ApproveWorkspaceApplication'; workspaceId: string }
  | { type: 'RejectWorkspaceApplication'; reason: string };

export type WorkspaceApplicationState =
  | { status: 'NONE' }
  | {
      status: 'UNDER_REVIEW' | 'APPROVED' | 'REJECTED';
      submitted: ApplicationSubmittedData;
      logo?: { sha256: string; contentType: string };
      workspaceId?: string;
      reason?: string;
      decidedAt?: string;
      decidedBy?: string;
    };

const isReviewer = (roles: string[] | undefined) => roles?.includes('REVIEWER') ?? false;

export const workspaceApplicationDecider: Decider<WorkspaceApplicationState, WorkspaceApplicationCommand, WorkspaceApplicationEvent> = {
  exposesVersion: true,
  initialState: () => ({ status: 'NONE' }),

  evolve(state, event) {
    if (event.type === APPLICATION_SUBMITTED) return { status: 'UNDER_REVIEW', submitted: event.data };
    if (state.status === 'NONE') return state;
    switch (event.type) {
      case APPLICATION_LOGO_UPLOADED:
        return { ...state, logo: { sha256: event.data.sha256, contentType: event.data.contentType } };
      case APPLICATION_APPROVED:
        return { ...state, status: 'APPROVED', workspaceId: event.data.workspaceId, decidedAt: event.data.at, decidedBy: event.data.reviewerAccountId };
      case APPLICATION_REJECTED:
        return { ...state, status: 'REJECTED', reason: event.data.reason, decidedAt: event.data.at, decidedBy: event.data.reviewerAccountId };
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  },

  decide(command, state, { now, actor }) {
    const at = now.toISOString();
    switch (command.type) {
      case 'SubmitWorkspaceApplication':
        if (state.status !== 'NONE') throw applicationExists();
        return [
          {
            type: APPLICATION_SUBMITTED,
            data: {
              ...command.details,
              applicationId: command.applicationId,
              applicantAccountId: command.applicantAccountId,
              applicantEmail: command.applicantEmail,
              termsVersion: command.termsVersion,
              submittedAt: at,
            },
          },
        ];
      case 'UploadApplicationLogo':
        if (state.status === 'NONE' || state.submitted.applicantAccountId !== actor?.accountId) throw applicationNotFound();
        if (state.status !== 'UNDER_REVIEW') throw applicationAlreadyDecided('the logo can change only while the application is under review');
        return [{ type: APPLICATION_LOGO_UPLOADED, data: { sha256: command.sha256, contentType: command.contentType, size: command.size, at } }];
      case 'ApproveWorkspaceApplication':
      case 'RejectWorkspaceApplication': {
        if (!isReviewer(actor?.platformRoles)) throw forbiddenRole('decide applications');
        if (state.status === 'NONE') throw applicationNotFound();
        if (state.status !== 'UNDER_REVIEW') throw applicationAlreadyDecided(`the application is ${state.status} already`);
        const common = { reviewerAccountId: actor?.accountId ?? '', applicantEmail: state.submitted.applicantEmail, companyName: state.submitted.companyName, at };
        if (command.type === 'ApproveWorkspaceApplication') return [{ type: APPLICATION_APPROVED, data: { workspaceId: command.workspaceId, ...common } }];
        if (!command.reason.trim()) throw AppError.badInput('a rejection needs a reason', [{ field: 'reason', message: 'must not be empty' }]);
        return [{ type: APPLICATION_REJECTED, data: { reason: command.reason.trim(), ...common } }];
      }
      default: {
        const unknown: never = command;
        return unknown;
      }
    }
  },
};

export const applicationStreamId = (applicationId: string) => `WorkspaceApplication-${applicationId}`;
export type { WorkspaceType };
