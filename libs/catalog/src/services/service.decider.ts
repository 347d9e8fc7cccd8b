import { RevisionStatus, SERVICE_OFFLINE, SERVICE_ONLINE, SERVICE_REVISED, ServiceContent, ServicePublicV1, ServiceStatus } from '@mpp/contracts';
import { Decider } from '@mpp/eventsourcing';
import { AppError } from '@mpp/platform';
import * as errors from '../catalog.errors';
import { checkServiceContent, mergeContent } from './service-content';

export const SERVICE_CREATED = 'catalog.ServiceCreated';
export const SERVICE_EDITED = 'catalog.ServiceEdited';
export const SERVICE_SUBMITTED = 'catalog.ServiceSubmitted';
export const SERVICE_WITHDRAWN = 'catalog.ServiceWithdrawn';
export const SERVICE_APPROVED = 'catalog.ServiceApproved';
export const SERVICE_REJECTED = 'catalog.ServiceRejected';
export const SERVICE_ARCHIVED = 'catalog.ServiceArchived';

export type ServiceEvent =
  | { type: typeof SERVICE_CREATED; data: { serviceId: string; isvWorkspaceId: string; content: ServiceContent; at: string } }
  | { type: typeof SERVICE_EDITED; data: { changes: Partial<ServiceContent>; at: string } }
  | { type: typeof SERVICE_SUBMITTED; data: { at: string } }
  | { type: typeof SERVICE_WITHDRAWN; data: { at: string } }
  | { type: typeof SERVICE_APPROVED; data: { reviewerAccountId: string; at: string } }
  | { type: typeof SERVICE_REJECTED; data: { reason: string; reviewerAccountId: string; at: string } }
  | { type: typeof SERVICE_ARCHIVED; data: { at: string } }
  | { type: typeof SERVICE_ONLINE | typeof SERVICE_REVISED | typeof SERVICE_OFFLINE; data: ServicePublicV1 };

/** What catalog knows of one of the ISV's templates from miniprograms.events (nothing when it is not the ISV's). */
export interface TemplateFacts {
  templateId: string;
  publishedVersions: number;
}

/**
 * Create and edit carry templateId in their content and what is known of that template; submit and approve
 * what is known of the service's template.
 */
export type ServiceCommand =
  | { type: 'CreateService'; serviceId: string; isvWorkspaceId: string; content: ServiceContent; template?: TemplateFacts }
  | { type: 'EditService'; changes: Partial<ServiceContent>; template?: TemplateFacts }
  | { type: 'SubmitService'; template?: TemplateFacts }
  | { type: 'WithdrawService' }
  | { type: 'ApproveService'; template?: TemplateFacts }
  | { type: 'RejectService'; reason: string }
  | { type: 'ArchiveService' };

export type ServiceState =
  | { status: 'NONE' }
  | {
      status: ServiceStatus;
      serviceId: string;
      isvWorkspaceId: string;
      /** The working copy: the draft, or the revision of an ONLINE service. */
      content: ServiceContent;
      /** What the market shows, once approved. */
      online?: ServiceContent;
      revision?: RevisionStatus;
      reason?: string;
      createdAt: string;
      updatedAt: string;
    };

export type ExistingService = Exclude<ServiceState, { status: 'NONE' }>;

const refuse = (code: string, message: string) => AppError.rule(code, message);
/** The status a step applies to: the revision's while an ONLINE service is being revised. */
export const stageOf = (s: ExistingService): ServiceStatus => (s.status === 'ONLINE' && s.revision ? s.revision : s.status);
const publicOf = (s: ExistingService, content: ServiceContent, at: string): ServicePublicV1 => ({
  serviceId: s.serviceId,
  isvWorkspaceId: s.isvWorkspaceId,
  type: content.type,
  name: content.name,
  ...(content.templateId ? { templateId: content.templateId } : {}),
  at,
});

/** A service names only one of its ISV's own templates; another ISV's is answered like an unknown one. */
export function requireOwnTemplate(templateId: string | undefined, template: TemplateFacts | undefined): void {
  if (templateId !== undefined && template?.templateId !== templateId) {
    throw refuse(errors.TEMPLATE_NOT_FOUND, 'templateId is not one of this ISV workspace\'s templates');
  }
}

/** A template service goes to review and ONLINE only while the template it names has a PUBLISHED version (DOMAIN.md 5). */
function requirePublishedTemplate(content: ServiceContent, template: TemplateFacts | undefined): void {
  if (content.type !== 'MINI_PROGRAM_TEMPLATE') return;
  if (!template || template.templateId !== content.templateId || template.publishedVersions < 1) {
    throw refuse(errors.TEMPLATE_NOT_PUBLISHED, 'the service\'s template has no PUBLISHED version; publish one first');
  }
}

/**
 * DOMAIN.md's service life: DRAFT → PENDING_REVIEW → ONLINE | TURNED_DOWN; PENDING_REVIEW → WITHDRAWN;
 * ONLINE → ARCHIVED. Editing an ONLINE service starts a revision that goes through the same review while
 * the online content stays listed, and replaces it on approval.
 */
export const serviceDecider: Decider<ServiceState, ServiceCommand, ServiceEvent> = {
  exposesVersion: true,
  initialState: () => ({ status: 'NONE' }),

  evolve(state, event) {
    if (event.type === SERVICE_CREATED) {
      const { serviceId, isvWorkspaceId, content, at } = event.data;
      return { status: 'DRAFT', serviceId, isvWorkspaceId, content, createdAt: at, updatedAt: at };
    }
    if (state.status === 'NONE') return state;
    const at = event.data.at;
    const revising = state.status === 'ONLINE';
    switch (event.type) {
      case SERVICE_EDITED:
        return { ...state, content: mergeContent(state.content, event.data.changes), revision: revising ? (state.revision ?? 'DRAFT') : undefined, updatedAt: at };
      case SERVICE_SUBMITTED:
        return revising ? { ...state, revision: 'PENDING_REVIEW', reason: undefined, updatedAt: at } : { ...state, status: 'PENDING_REVIEW', reason: undefined, updatedAt: at };
      case SERVICE_WITHDRAWN:
        return revising ? { ...state, revision: 'WITHDRAWN', updatedAt: at } : { ...state, status: 'WITHDRAWN', updatedAt: at };
      case SERVICE_APPROVED:
        return { ...state, status: 'ONLINE', online: state.content, revision: undefined, reason: undefined, updatedAt: at };
      case SERVICE_REJECTED:
        return revising ? { ...state, revision: 'TURNED_DOWN', reason: event.data.reason, updatedAt: at } : { ...state, status: 'TURNED_DOWN', reason: event.data.reason, updatedAt: at };
      case SERVICE_ARCHIVED:
        return { ...state, status: 'ARCHIVED', revision: undefined, updatedAt: at };
      case SERVICE_ONLINE:
      case SERVICE_REVISED:
      case SERVICE_OFFLINE:
        return state;
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  },

  decide(command, state, { now, actor }) {
    const at = now.toISOString();
    if (command.type === 'CreateService') {
      if (state.status !== 'NONE') throw AppError.conflict(errors.SERVICE_EXISTS, 'this service exists already');
      checkServiceContent(command.content);
      requireOwnTemplate(command.content.templateId, command.template);
      return [{ type: SERVICE_CREATED, data: { serviceId: command.serviceId, isvWorkspaceId: command.isvWorkspaceId, content: command.content, at } }];
    }
    if (state.status === 'NONE') throw errors.serviceNotFound();
    const current = stageOf(state);
    switch (command.type) {
      case 'EditService': {
        if (state.status === 'ARCHIVED') throw refuse(errors.SERVICE_ARCHIVED, 'an archived service cannot change');
        if (current === 'PENDING_REVIEW') throw refuse(errors.SERVICE_UNDER_REVIEW, 'withdraw the submission before editing');
        checkServiceContent(mergeContent(state.content, command.changes));
        requireOwnTemplate(command.changes.templateId, command.template);
        return [{ type: SERVICE_EDITED, data: { changes: command.changes, at } }];
      }
      case 'SubmitService':
        if (current === 'PENDING_REVIEW') throw refuse(errors.SERVICE_ALREADY_SUBMITTED, 'the service is under review already');
        if (!['DRAFT', 'TURNED_DOWN', 'WITHDRAWN'].includes(current)) throw refuse(errors.SERVICE_NOT_SUBMITTABLE, `a ${state.status} service with no revision has nothing to submit`);
        requirePublishedTemplate(state.content, command.template);
        return [{ type: SERVICE_SUBMITTED, data: { at } }];
      case 'WithdrawService':
        if (current !== 'PENDING_REVIEW') throw refuse(errors.SERVICE_NOT_UNDER_REVIEW, 'only a submission under review can be withdrawn');
        return [{ type: SERVICE_WITHDRAWN, data: { at } }];
      case 'ApproveService':
      case 'RejectService': {
        if (!actor?.platformRoles?.includes('REVIEWER')) throw errors.reviewersOnly('only reviewers decide services');
        if (current !== 'PENDING_REVIEW') throw refuse(errors.SERVICE_NOT_UNDER_REVIEW, 'only a service under review can be decided');
        const reviewerAccountId = actor.accountId;
        if (command.type === 'RejectService') {
          if (!command.reason.trim()) throw AppError.badInput('a rejection needs a reason', [{ field: 'reason', message: 'must not be empty' }]);
          return [{ type: SERVICE_REJECTED, data: { reason: command.reason.trim(), reviewerAccountId, at } }];
        }
        requirePublishedTemplate(state.content, command.template);
        const publicEvent = state.status === 'ONLINE' ? SERVICE_REVISED : SERVICE_ONLINE;
        return [
          { type: SERVICE_APPROVED, data: { reviewerAccountId, at } },
          { type: publicEvent, data: publicOf(state, state.content, at) },
        ];
      }
      case 'ArchiveService':
        if (state.status !== 'ONLINE') throw refuse(errors.SERVICE_NOT_ONLINE, 'only an ONLINE service can be archived');
        return [
          { type: SERVICE_ARCHIVED, data: { at } },
          { type: SERVICE_OFFLINE, data: publicOf(state, state.online ?? state.content, at) },
        ];
      default: {
        const unknown: never = command;
        return unknown;
      }
    }
  },
};

export const serviceStreamId = (serviceId: string) => `Service-${serviceId}`;
