import {
  AUTHORIZATION_ENDED,
  AUTHORIZATION_GRANTED,
  AUTHORIZATION_REVOKED,
  AUTHORIZATION_SCOPES,
  AUTHORIZATION_SCOPES_CHANGED,
  AuthorizationEventV1,
  AuthorizationScope,
  AuthorizationStatus,
} from '@mpp/contracts';
import { Decider } from '@mpp/eventsourcing';
import { AppError } from '@mpp/platform';
import { OrderSide } from '../orders/order.decider';
import { AUTHORIZATION_NOT_ACTIVE, MERCHANT_SIDE_ONLY, authorizationNotFound } from '../ordering.errors';

export type AuthorizationEvent = { type: string; data: AuthorizationEventV1 };

export interface AuthorizationGrant {
  authorizationId: string;
  orderId: string;
  miniProgramId: string;
  merchantWorkspaceId: string;
  isvWorkspaceId: string;
  scopes: AuthorizationScope[];
}

export type AuthorizationCommand =
  /** `at`: the confirmation's time, which the read model shows as granted too (now when not given). */
  | { type: 'GrantAuthorization'; grant: AuthorizationGrant; at?: string }
  | { type: 'ChangeScopes'; side: OrderSide; scopes: AuthorizationScope[] }
  | { type: 'RevokeAuthorization'; side: OrderSide }
  | { type: 'EndAuthorization'; reason: 'COMPLETED' | 'CANCELED' };

export type AuthorizationState =
  | { status: 'NONE' }
  | (AuthorizationGrant & { status: AuthorizationStatus; grantedAt: string; updatedAt: string });

/** Scopes in the contract's order, each once: what is stored and compared. */
export const normalizeScopes = (scopes: readonly AuthorizationScope[]): AuthorizationScope[] => AUTHORIZATION_SCOPES.filter((s) => scopes.includes(s));

/**
 * The merchant's grant to an ISV to work on one mini program (DOMAIN.md 3): granted by the order's confirmation,
 * scopes narrowed or widened and revoked by the merchant, ended by the order's completion or cancellation.
 * Granting and ending are idempotent: the process that drives them may run them again.
 */
export const authorizationDecider: Decider<AuthorizationState, AuthorizationCommand, AuthorizationEvent> = {
  exposesVersion: true,
  initialState: () => ({ status: 'NONE' }),

  evolve(state, { data }) {
    const { authorizationId, orderId, miniProgramId, merchantWorkspaceId, isvWorkspaceId, scopes, status, at } = data;
    if (state.status === 'NONE') return { authorizationId, orderId, miniProgramId, merchantWorkspaceId, isvWorkspaceId, scopes, status, grantedAt: at, updatedAt: at };
    return { ...state, scopes, status, updatedAt: at };
  },

  decide(command, state, { now }) {
    const at = now.toISOString();
    if (command.type === 'GrantAuthorization') {
      if (state.status !== 'NONE') return [];
      return [{ type: AUTHORIZATION_GRANTED, data: { ...command.grant, scopes: normalizeScopes(command.grant.scopes), status: 'ACTIVE', at: command.at ?? at } }];
    }
    // Not granted yet: the worker grants and then ends it, in the order's order.
    if (command.type === 'EndAuthorization' && state.status === 'NONE') return [];
    if (state.status === 'NONE') throw authorizationNotFound();
    const { status: _status, grantedAt: _granted, updatedAt: _updated, ...grant } = state;
    if (command.type === 'EndAuthorization') {
      if (state.status !== 'ACTIVE') return [];
      return [{ type: AUTHORIZATION_ENDED, data: { ...grant, status: 'ENDED', reason: command.reason, at } }];
    }
    if (command.side !== 'MERCHANT') throw AppError.forbidden(MERCHANT_SIDE_ONLY, 'only the merchant changes or revokes an authorization');
    if (state.status !== 'ACTIVE') throw AppError.rule(AUTHORIZATION_NOT_ACTIVE, `the authorization is ${state.status}`);
    if (command.type === 'RevokeAuthorization') return [{ type: AUTHORIZATION_REVOKED, data: { ...grant, status: 'REVOKED', at } }];
    const scopes = normalizeScopes(command.scopes);
    if (scopes.length === 0) throw AppError.badInput('an authorization keeps at least one scope (revoke it instead)', [{ field: 'scopes', message: 'must name at least one scope' }]);
    if (scopes.join() === state.scopes.join()) return [];
    return [{ type: AUTHORIZATION_SCOPES_CHANGED, data: { ...grant, scopes, status: 'ACTIVE', at } }];
  },
};

export const authorizationStreamId = (authorizationId: string) => `Authorization-${authorizationId}`;
