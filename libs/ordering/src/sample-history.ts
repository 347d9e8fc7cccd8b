import { AuthorizationScope } from '@mpp/contracts';
import { Actor, Decider, DomainEvent, SampleStep, sampleLog } from '@mpp/eventsourcing';
import { authorizationDecider, authorizationStreamId } from './authorizations/authorization.decider';
import { orderDecider, orderStreamId } from './orders/order.decider';

const merchant: Actor = { accountId: 'sample-merchant-owner' };
const isv: Actor = { accountId: 'sample-isv-owner' };
const SCOPES: AuthorizationScope[][] = [['UPLOAD', 'SUBMIT_REVIEW'], ['MEMBERS', 'UPLOAD', 'CONFIGURE', 'SUBMIT_REVIEW', 'RELEASE'], ['STATISTICS']];

/**
 * Ordering's log as its users make it, through its real deciders (for benches and specs of its projections): orders
 * placed by 500 merchants with 80 ISVs, most accepted and confirmed (granting their authorization), some rejected or
 * canceled at each step, closures requested, sometimes rejected, then approved (ending the authorization), a few
 * authorizations' scopes changed or revoked. About 7 events per order; `concurrent` orders in progress at a time.
 */
export function sampleOrderingHistory(options: { events: number; seed: number; concurrent?: number; start?: Date }) {
  return sampleLog((n, random) => orderStory(`o-${options.seed}-${n}`, n, random), { ...options, concurrent: options.concurrent ?? 2000 });
}

function orderStory(orderId: string, n: number, random: () => number): SampleStep[] {
  const order = (command: unknown, actor: Actor): SampleStep => ({ streamId: orderStreamId(orderId), decider: orderDecider as Decider<unknown, unknown, DomainEvent>, command, actor });
  const authorizationId = `a-${orderId}`;
  const authorization = (command: unknown, actor?: Actor): SampleStep => ({
    streamId: authorizationStreamId(authorizationId),
    decider: authorizationDecider as Decider<unknown, unknown, DomainEvent>,
    command,
    actor,
  });
  const parties = { orderId, serviceId: `s-${n % 200}`, miniProgramId: `mp-${n % 20_000}`, merchantWorkspaceId: `m-${n % 500}`, isvWorkspaceId: `i-${n % 80}` };
  const steps = [order({ type: 'PlaceOrder', parties, note: random() < 0.3 ? 'Please start next week' : undefined }, merchant)];
  const roll = random();
  if (roll < 0.08) return [...steps, order({ type: 'RejectOrder', side: 'ISV', reason: 'We are fully booked' }, isv)];
  if (roll < 0.14) return [...steps, order({ type: 'CancelOrder', side: 'MERCHANT' }, merchant)];
  const scopes = SCOPES[n % SCOPES.length];
  steps.push(
    order({ type: 'AcceptOrder', side: 'ISV' }, isv),
    order({ type: 'ConfirmOrder', side: 'MERCHANT', authorizationId, scopes }, merchant),
    authorization({ type: 'GrantAuthorization', grant: { authorizationId, ...parties, scopes } }),
  );
  if (random() < 0.2) steps.push(authorization({ type: 'ChangeScopes', side: 'MERCHANT', scopes: SCOPES[(n + 1) % SCOPES.length] }, merchant));
  const end = random();
  if (end < 0.08) return [...steps, order({ type: 'CancelOrder', side: 'MERCHANT', reason: 'Plans changed' }, merchant), authorization({ type: 'EndAuthorization', reason: 'CANCELED' })];
  if (end < 0.12) return [...steps, authorization({ type: 'RevokeAuthorization', side: 'MERCHANT' }, merchant)];
  steps.push(order({ type: 'RequestClosure', side: 'ISV' }, isv));
  if (random() < 0.2) steps.push(order({ type: 'RejectClosure', side: 'MERCHANT', reason: 'The icon is missing' }, merchant), order({ type: 'RequestClosure', side: 'ISV' }, isv));
  return [...steps, order({ type: 'ApproveClosure', side: 'MERCHANT' }, merchant), authorization({ type: 'EndAuthorization', reason: 'COMPLETED' })];
}
