import { AUTHORIZATION_ENDED, AUTHORIZATION_GRANTED, AUTHORIZATION_REVOKED, AUTHORIZATION_SCOPES_CHANGED } from '@mpp/contracts';
import { fold } from '@mpp/eventsourcing';
import { deciderSpecification, SPEC_NOW } from '@mpp/eventsourcing/testing';
import { AuthorizationCommand, authorizationDecider, AuthorizationEvent } from './authorization.decider';

const grant = { authorizationId: 'a1', orderId: 'o1', miniProgramId: 'mp1', merchantWorkspaceId: 'm1', isvWorkspaceId: 'i1', scopes: ['RELEASE', 'UPLOAD'] as const };
const spec = deciderSpecification(authorizationDecider);
const decide = (events: AuthorizationEvent[], command: AuthorizationCommand) => spec.given(events).when(command).decided();
const then = (events: AuthorizationEvent[], command: AuthorizationCommand) => spec.given(events).when(command).events();

const granted = decide([], { type: 'GrantAuthorization', grant: { ...grant, scopes: [...grant.scopes] } });
const revoked = then(granted, { type: 'RevokeAuthorization', side: 'MERCHANT' });
const ended = then(granted, { type: 'EndAuthorization', reason: 'COMPLETED' });

describe('authorization decider', () => {
  it('grants ACTIVE with the scopes in their canonical order, once: granting again changes nothing', () => {
    expect(granted).toEqual([{ type: AUTHORIZATION_GRANTED, data: { ...grant, scopes: ['UPLOAD', 'RELEASE'], status: 'ACTIVE', at: SPEC_NOW.toISOString() } }]);
    expect(decide(granted, { type: 'GrantAuthorization', grant: { ...grant, scopes: ['MEMBERS'] } })).toEqual([]);
  });

  it('is granted at the confirmation\'s time when given it (a grant repaired later still says when the merchant confirmed)', () => {
    const confirmedAt = '2026-01-02T03:04:05.678Z';
    expect(decide([], { type: 'GrantAuthorization', grant: { ...grant, scopes: ['UPLOAD'] }, at: confirmedAt })).toEqual([
      { type: AUTHORIZATION_GRANTED, data: { ...grant, scopes: ['UPLOAD'], status: 'ACTIVE', at: confirmedAt } },
    ]);
  });

  it('lets the merchant narrow and widen the scopes while ACTIVE; the same set is no change, none is refused', () => {
    const narrowed = then(granted, { type: 'ChangeScopes', side: 'MERCHANT', scopes: ['UPLOAD'] });
    expect(narrowed[1]).toMatchObject({ type: AUTHORIZATION_SCOPES_CHANGED, data: { scopes: ['UPLOAD'], status: 'ACTIVE' } });
    const widened = then(narrowed, { type: 'ChangeScopes', side: 'MERCHANT', scopes: ['CONFIGURE', 'MEMBERS', 'UPLOAD'] });
    expect(fold(authorizationDecider, widened)).toMatchObject({ scopes: ['MEMBERS', 'UPLOAD', 'CONFIGURE'] });
    expect(decide(widened, { type: 'ChangeScopes', side: 'MERCHANT', scopes: ['UPLOAD', 'MEMBERS', 'CONFIGURE'] })).toEqual([]);
    expect(() => decide(granted, { type: 'ChangeScopes', side: 'MERCHANT', scopes: [] })).toThrow(expect.objectContaining({ category: 'bad_input' }));
  });

  it('keeps the five scopes of an authorization granted before STATISTICS existed, until the merchant widens it', () => {
    // As ordering stored a grant of "all" before the sixth scope: the five of that day.
    const before: AuthorizationEvent[] = [{ type: AUTHORIZATION_GRANTED, data: { ...grant, scopes: ['MEMBERS', 'UPLOAD', 'CONFIGURE', 'SUBMIT_REVIEW', 'RELEASE'], status: 'ACTIVE', at: SPEC_NOW.toISOString() } }];
    expect(fold(authorizationDecider, before)).toMatchObject({ status: 'ACTIVE', scopes: ['MEMBERS', 'UPLOAD', 'CONFIGURE', 'SUBMIT_REVIEW', 'RELEASE'] });
    const widened = then(before, { type: 'ChangeScopes', side: 'MERCHANT', scopes: ['STATISTICS', 'MEMBERS', 'UPLOAD', 'CONFIGURE', 'SUBMIT_REVIEW', 'RELEASE'] });
    expect(widened[1]).toMatchObject({ type: AUTHORIZATION_SCOPES_CHANGED, data: { scopes: ['MEMBERS', 'UPLOAD', 'CONFIGURE', 'SUBMIT_REVIEW', 'RELEASE', 'STATISTICS'] } });
  });

  it('refuses the ISV changing or revoking its own authorization', () => {
    spec.given(granted).when({ type: 'ChangeScopes', side: 'ISV', scopes: ['MEMBERS'] }).thenRefuses('MERCHANT_SIDE_ONLY', 'forbidden');
    spec.given(granted).when({ type: 'RevokeAuthorization', side: 'ISV' }).thenRefuses('MERCHANT_SIDE_ONLY', 'forbidden');
  });

  it('revokes an ACTIVE authorization; nothing changes a REVOKED or ENDED one', () => {
    expect(revoked[1]).toMatchObject({ type: AUTHORIZATION_REVOKED, data: { status: 'REVOKED', scopes: ['UPLOAD', 'RELEASE'] } });
    for (const history of [revoked, ended]) {
      spec.given(history).when({ type: 'RevokeAuthorization', side: 'MERCHANT' }).thenRefuses('AUTHORIZATION_NOT_ACTIVE', 'rule_violation');
      spec.given(history).when({ type: 'ChangeScopes', side: 'MERCHANT', scopes: ['MEMBERS'] }).thenRefuses('AUTHORIZATION_NOT_ACTIVE', 'rule_violation');
    }
  });

  it('ends with the order, idempotently: ending an ended, revoked or not yet granted one changes nothing', () => {
    expect(ended[1]).toMatchObject({ type: AUTHORIZATION_ENDED, data: { status: 'ENDED', reason: 'COMPLETED' } });
    expect(decide(ended, { type: 'EndAuthorization', reason: 'COMPLETED' })).toEqual([]);
    expect(decide(revoked, { type: 'EndAuthorization', reason: 'CANCELED' })).toEqual([]);
    expect(decide([], { type: 'EndAuthorization', reason: 'CANCELED' })).toEqual([]);
  });

  it('does not know an authorization never granted', () => {
    spec.given([]).when({ type: 'RevokeAuthorization', side: 'MERCHANT' }).thenRefuses('AUTHORIZATION_NOT_FOUND', 'not_found');
  });
});
