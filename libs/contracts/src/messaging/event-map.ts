import { CATALOG_PUBLIC_EVENTS, SERVICE_OFFLINE, SERVICE_ONLINE, SERVICE_REVISED, type ServicePublicV1 } from '../catalog/catalog.events';
import { ACCOUNT_REGISTERED, type AccountRegisteredV1, IDENTITY_PUBLIC_EVENTS } from '../identity/identity.events';
import {
  INVITATION_ACCEPTED,
  type InvitationAcceptedV1,
  MEMBER_ADDED,
  MEMBER_REMOVED,
  type MemberAddedV1,
  type MemberRemovedV1,
  WORKSPACE_APPROVED,
  type WorkspaceApprovedV1,
} from '../identity/workspaces.events';
import { INTEGRATIONS_PUBLIC_EVENTS, WEBHOOK_DISABLED, type WebhookDisabledV1 } from '../integrations/integrations.events';
import { BATCH_JOB_CANCELED, BATCH_JOB_COMPLETED, BATCH_JOB_PAUSED, type BatchJobCanceledV1, type BatchJobCompletedV1, type BatchJobPausedV1 } from '../miniprograms/batch-jobs.events';
import { MINI_PROGRAM_CREATED, MINI_PROGRAM_EDITED, type MiniProgramCreatedV1, type MiniProgramEditedV1, MINIPROGRAMS_PUBLIC_EVENTS } from '../miniprograms/miniprograms.events';
import { TEMPLATE_CREATED, TEMPLATE_VERSION_DEPRECATED, TEMPLATE_VERSION_PUBLISHED, type TemplateCreatedV1, type TemplateVersionChangedV1 } from '../miniprograms/templates.events';
import {
  GRAY_RELEASE_STARTED,
  type GrayReleaseStartedV1,
  ROLLED_BACK,
  type RolledBackV1,
  VERSION_APPROVED,
  VERSION_REJECTED,
  VERSION_RELEASED,
  VERSION_SUBMITTED,
  type VersionApprovedV1,
  type VersionRejectedV1,
  type VersionReleasedV1,
  type VersionSubmittedV1,
} from '../miniprograms/versions.events';
import {
  AUTHORIZATION_ENDED,
  AUTHORIZATION_GRANTED,
  AUTHORIZATION_REVOKED,
  AUTHORIZATION_SCOPES_CHANGED,
  type AuthorizationEventV1,
  ORDER_ACCEPTED,
  ORDER_CANCELED,
  ORDER_CLOSURE_REJECTED,
  ORDER_CLOSURE_REQUESTED,
  ORDER_COMPLETED,
  ORDER_CONFIRMED,
  ORDER_PLACED,
  ORDER_REJECTED,
  type OrderConfirmedV2,
  type OrderEndedV2,
  type OrderPlacedV2,
  type OrderRefusedV2,
  type OrderStepV2,
  ORDERING_PUBLIC_EVENTS,
} from '../ordering/ordering.events';
import type { ServiceName } from './topics';

/**
 * Every public event, declared once: its type → the type of its envelope's `data`. tools/generate-contracts.mjs
 * makes the JSON Schemas of the AsyncAPI document from it (`npm run generate:asyncapi`); an entry's doc comment is
 * its message's summary.
 */
export interface EventMap {
  /** An account was registered. */
  [ACCOUNT_REGISTERED]: AccountRegisteredV1;
  /** A workspace application was approved: the workspace exists and the applicant is its Owner. */
  [WORKSPACE_APPROVED]: WorkspaceApprovedV1;
  /** An account became a member of a workspace. */
  [MEMBER_ADDED]: MemberAddedV1;
  /** A member was removed from a workspace. */
  [MEMBER_REMOVED]: MemberRemovedV1;
  /** An invitation to a workspace was accepted. */
  [INVITATION_ACCEPTED]: InvitationAcceptedV1;

  /** A service was approved and is on the Service Market. */
  [SERVICE_ONLINE]: ServicePublicV1;
  /** A revision of an ONLINE service was approved. */
  [SERVICE_REVISED]: ServicePublicV1;
  /** A service left the Service Market (archived). */
  [SERVICE_OFFLINE]: ServicePublicV1;

  /** A merchant ordered a service for one of its mini programs. */
  [ORDER_PLACED]: OrderPlacedV2;
  /** The ISV accepted the order. */
  [ORDER_ACCEPTED]: OrderStepV2;
  /** The ISV rejected the order. */
  [ORDER_REJECTED]: OrderRefusedV2;
  /** The merchant confirmed the order, granting an authorization. */
  [ORDER_CONFIRMED]: OrderConfirmedV2;
  /** The ISV asked the merchant to close the order. */
  [ORDER_CLOSURE_REQUESTED]: OrderStepV2;
  /** The merchant sent the order back to development. */
  [ORDER_CLOSURE_REJECTED]: OrderRefusedV2;
  /** The merchant approved the work: the order is closed. */
  [ORDER_COMPLETED]: OrderEndedV2;
  /** The order was canceled. */
  [ORDER_CANCELED]: OrderEndedV2;
  /** The ISV may now act on the mini program, within the authorization's scopes. */
  [AUTHORIZATION_GRANTED]: AuthorizationEventV1;
  /** The merchant changed the authorization's scopes. */
  [AUTHORIZATION_SCOPES_CHANGED]: AuthorizationEventV1;
  /** The merchant revoked the authorization. */
  [AUTHORIZATION_REVOKED]: AuthorizationEventV1;
  /** The authorization ended with its order (COMPLETED or CANCELED). */
  [AUTHORIZATION_ENDED]: AuthorizationEventV1;

  /** A merchant member created a mini program. */
  [MINI_PROGRAM_CREATED]: MiniProgramCreatedV1;
  /** A mini program's details were edited: the fields changed, with their new values. */
  [MINI_PROGRAM_EDITED]: MiniProgramEditedV1;
  /** A version was submitted for review. */
  [VERSION_SUBMITTED]: VersionSubmittedV1;
  /** A reviewer approved a version. */
  [VERSION_APPROVED]: VersionApprovedV1;
  /** A reviewer rejected a version. */
  [VERSION_REJECTED]: VersionRejectedV1;
  /** A version is live for everyone. */
  [VERSION_RELEASED]: VersionReleasedV1;
  /** A version is live for a share of users. */
  [GRAY_RELEASE_STARTED]: GrayReleaseStartedV1;
  /** The live version went back to the previous one. */
  [ROLLED_BACK]: RolledBackV1;
  /** An ISV created a template. */
  [TEMPLATE_CREATED]: TemplateCreatedV1;
  /** A template version was published. */
  [TEMPLATE_VERSION_PUBLISHED]: TemplateVersionChangedV1;
  /** A template version was deprecated. */
  [TEMPLATE_VERSION_DEPRECATED]: TemplateVersionChangedV1;
  /** A batch job paused. */
  [BATCH_JOB_PAUSED]: BatchJobPausedV1;
  /** A member canceled a batch job. */
  [BATCH_JOB_CANCELED]: BatchJobCanceledV1;
  /** A batch job finished every item. */
  [BATCH_JOB_COMPLETED]: BatchJobCompletedV1;

  /** An endpoint that failed every delivery for 5 days was disabled. */
  [WEBHOOK_DISABLED]: WebhookDisabledV1;
}

/** The event types each service publishes on its events topic (the `publishes` of its service definition). */
export const PUBLIC_EVENTS: Partial<Record<ServiceName, readonly string[]>> = {
  identity: IDENTITY_PUBLIC_EVENTS,
  catalog: CATALOG_PUBLIC_EVENTS,
  ordering: ORDERING_PUBLIC_EVENTS,
  miniprograms: MINIPROGRAMS_PUBLIC_EVENTS,
  integrations: INTEGRATIONS_PUBLIC_EVENTS,
};
