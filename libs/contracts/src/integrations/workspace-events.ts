// The events a workspace hears of (DOMAIN.md 7, API.md Integrations): what its webhooks deliver and its event feed
// holds. Each is made by integrations from one public event of ordering or miniprograms, for every workspace it
// concerns, and keeps that event's id: a webhook's `webhook-id` is the same on every retry and redelivery.

export const WORKSPACE_EVENT_TYPES = [
  'order.placed',
  'order.accepted',
  'order.rejected',
  'order.confirmed',
  'order.closure_requested',
  'order.closure_rejected',
  'order.completed',
  'order.canceled',
  'authorization.granted',
  'authorization.scopes_changed',
  'authorization.revoked',
  'authorization.ended',
  'version.submitted',
  'version.approved',
  'version.rejected',
  'version.released',
  'version.gray_released',
  'version.rolled_back',
  'batch_job.paused',
  'batch_job.completed',
] as const;
export type WorkspaceEventType = (typeof WORKSPACE_EVENT_TYPES)[number];

/** Sent by a ping whatever the endpoint's types; never in a feed. */
export const WEBHOOK_PING = 'webhook.ping';

/** One event of a workspace's feed, and the `data` of a webhook delivery of it. */
export interface WorkspaceEvent {
  eventId: string;
  type: WorkspaceEventType;
  occurredAt: string;
  data: Record<string, unknown>;
}

/** A JSON Schema (draft 2020-12) of an event's `data`. */
type Schema = Record<string, unknown>;

const text = { type: 'string' };
const id = { type: 'string', description: 'an id as the API shows it' };
const object = (required: string[], properties: Record<string, Schema>): Schema => ({ type: 'object', required, properties, additionalProperties: false });

const ORDER = {
  orderId: id,
  serviceId: id,
  miniProgramId: id,
  merchantWorkspaceId: id,
  isvWorkspaceId: id,
  by: { enum: ['MERCHANT', 'ISV'], description: 'the party that took the step' },
  reason: text,
  note: text,
  authorizationId: id,
  scopes: { type: 'array', items: text },
};
const ORDER_REQUIRED = ['orderId', 'serviceId', 'miniProgramId', 'merchantWorkspaceId', 'isvWorkspaceId'];
const AUTHORIZATION = {
  authorizationId: id,
  orderId: id,
  miniProgramId: id,
  merchantWorkspaceId: id,
  isvWorkspaceId: id,
  status: { enum: ['ACTIVE', 'REVOKED', 'ENDED'] },
  scopes: { type: 'array', items: text },
  reason: text,
};
const VERSION = {
  miniProgramId: id,
  version: { type: 'string', description: 'the version (semver) the event is about' },
  releaseMode: { enum: ['MANUAL', 'AUTO'] },
  note: text,
  reason: text,
  grayPercent: { type: 'integer' },
  previousVersion: { type: 'string', description: 'the version that was live before a rollback' },
};
const COUNTS = object(['pending', 'running', 'succeeded', 'failed', 'skipped'], Object.fromEntries(['pending', 'running', 'succeeded', 'failed', 'skipped'].map((k) => [k, { type: 'integer' }])));
const BATCH_JOB = {
  jobId: id,
  kind: { enum: ['APPLY_TEMPLATE', 'SUBMIT_REVIEW', 'RELEASE', 'ROLLBACK'] },
  dryRun: { type: 'boolean' },
  total: { type: 'integer' },
  counts: COUNTS,
  status: { enum: ['COMPLETED', 'COMPLETED_WITH_FAILURES'] },
  reason: { enum: ['FAILURE_RATIO', 'QUOTA', 'MEMBER'] },
};

const order = (description: string) => ({ description, audience: 'the merchant and the ISV of the order', payload: object(ORDER_REQUIRED, ORDER) });
const authorization = (description: string) => ({
  description,
  audience: 'the merchant and the ISV of the authorization',
  payload: object(['authorizationId', 'orderId', 'miniProgramId', 'merchantWorkspaceId', 'isvWorkspaceId', 'status', 'scopes'], AUTHORIZATION),
});
const version = (description: string) => ({ description, audience: "the mini program's merchant and the ISV holding its authorization", payload: object(['miniProgramId', 'version'], VERSION) });
const batchJob = (description: string) => ({ description, audience: 'the ISV that runs the job', payload: object(['jobId', 'kind', 'dryRun', 'total', 'counts'], BATCH_JOB) });

export interface WorkspaceEventTypeDescription {
  description: string;
  /** Which workspaces hear of it. */
  audience: string;
  payload: Schema;
}

/** GET /v1/event-types: every type a webhook or a feed can carry, with the JSON Schema of its `data`. */
export const WORKSPACE_EVENT_DESCRIPTIONS: Record<WorkspaceEventType | typeof WEBHOOK_PING, WorkspaceEventTypeDescription> = {
  'order.placed': order('a merchant ordered a service'),
  'order.accepted': order('the ISV accepted the order'),
  'order.rejected': order('the ISV rejected the order'),
  'order.confirmed': order('the merchant confirmed the order, authorizing the ISV'),
  'order.closure_requested': order('the ISV asked the merchant to close the order'),
  'order.closure_rejected': order('the merchant sent the order back to development'),
  'order.completed': order('the merchant approved the work: the order is closed'),
  'order.canceled': order('the order was canceled'),
  'authorization.granted': authorization('the ISV may now work on the mini program'),
  'authorization.scopes_changed': authorization("the merchant changed the authorization's scopes"),
  'authorization.revoked': authorization('the merchant revoked the authorization'),
  'authorization.ended': authorization('the authorization ended with its order'),
  'version.submitted': version('a version was submitted for review'),
  'version.approved': version('the platform approved a version'),
  'version.rejected': version('the platform rejected a version'),
  'version.released': version('a version is live for everyone'),
  'version.gray_released': version('a version is live for a share of users'),
  'version.rolled_back': version('the live version went back to the previous one'),
  'batch_job.paused': batchJob('a batch job paused'),
  'batch_job.completed': batchJob('a batch job finished every item'),
  [WEBHOOK_PING]: { description: 'a test delivery sent by ping', audience: 'the pinged endpoint only', payload: object(['webhookId'], { webhookId: id }) },
};

export const isWorkspaceEventType = (value: string): value is WorkspaceEventType => (WORKSPACE_EVENT_TYPES as readonly string[]).includes(value);
