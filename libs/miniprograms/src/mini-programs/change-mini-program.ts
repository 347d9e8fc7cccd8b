import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuthorizationScope, MiniProgramChange, RequestActor, RequestMeta } from '@mpp/contracts';
import { AggregateStore, SqlClient } from '@mpp/eventsourcing';
import { membershipOf, signedIn } from '@mpp/messaging';
import { AppError, own } from '@mpp/platform';
import { AGGREGATE_STORE, SQL_CLIENT } from '@mpp/runtime';
import { accessTo, MiniProgramAccess, miniProgramNotFound } from '../access/mini-program-access';
import { MiniProgramCommand, miniProgramDecider, MiniProgramState, miniProgramStreamId } from './mini-program.decider';
import { memberViews, miniProgramView, versionView } from './mini-program-views';

export class ChangeMiniProgram {
  constructor(
    readonly miniProgramId: string,
    readonly change: MiniProgramChange,
    readonly meta: RequestMeta,
  ) {}
}

/** The scope an ISV's authorization needs for each change (DOMAIN.md 4); reviewers decide versions. */
export const SCOPE_OF: Record<MiniProgramChange['change'], AuthorizationScope | 'REVIEWER'> = {
  ADD_MEMBER: 'MEMBERS',
  REMOVE_MEMBER: 'MEMBERS',
  UPLOAD_VERSION: 'UPLOAD',
  DELETE_VERSION: 'UPLOAD',
  SET_TRIAL: 'UPLOAD',
  SUBMIT: 'SUBMIT_REVIEW',
  WITHDRAW: 'SUBMIT_REVIEW',
  APPROVE: 'REVIEWER',
  REJECT: 'REVIEWER',
  RELEASE: 'RELEASE',
  COMPLETE_GRAY: 'RELEASE',
  CANCEL_GRAY: 'RELEASE',
  ROLLBACK: 'RELEASE',
  TAKE_OFFLINE: 'RELEASE',
  BRING_ONLINE: 'RELEASE',
  SET_DOMAINS: 'CONFIGURE',
  SET_BUSINESS_PARAMS: 'CONFIGURE',
};

export function commandOf(change: MiniProgramChange): MiniProgramCommand {
  switch (change.change) {
    case 'ADD_MEMBER':
      return { type: 'AddMember', accountId: change.accountId, role: change.role };
    case 'REMOVE_MEMBER':
      return { type: 'RemoveMember', accountId: change.accountId };
    case 'UPLOAD_VERSION':
      return { type: 'UploadVersion', version: change.version, description: change.description, package: change.package };
    case 'DELETE_VERSION':
      return { type: 'DeleteVersion', version: change.version };
    case 'SET_TRIAL':
      return { type: 'SetTrial', version: change.version };
    case 'SUBMIT':
      return { type: 'SubmitVersion', version: change.version, releaseMode: change.releaseMode, note: change.note };
    case 'WITHDRAW':
      return { type: 'WithdrawVersion', version: change.version };
    case 'APPROVE':
      return { type: 'ApproveVersion', version: change.version };
    case 'REJECT':
      return { type: 'RejectVersion', version: change.version, reason: change.reason };
    case 'RELEASE':
      return { type: 'ReleaseVersion', version: change.version, grayPercent: change.grayPercent };
    case 'COMPLETE_GRAY':
      return { type: 'CompleteGray', version: change.version };
    case 'CANCEL_GRAY':
      return { type: 'CancelGray', version: change.version };
    case 'ROLLBACK':
      return { type: 'Rollback' };
    case 'TAKE_OFFLINE':
      return { type: 'TakeOffline' };
    case 'BRING_ONLINE':
      return { type: 'BringOnline' };
    case 'SET_DOMAINS':
      return { type: 'SetDomains', domains: change.domains };
    case 'SET_BUSINESS_PARAMS':
      return { type: 'SetBusinessParams', params: change.params };
  }
}

/**
 * Who may make a change: the owning merchant's members; an ISV member while its workspace holds an ACTIVE
 * authorization with the change's scope (from miniprograms' copy of ordering.events: a revoke counts from the
 * next request after it arrives); reviewers for review decisions. Anyone else does not see the mini program.
 */
export async function requireAccess(sql: SqlClient, state: MiniProgramState, change: MiniProgramChange['change'], actor: RequestActor): Promise<MiniProgramAccess | undefined> {
  if (state.status === 'NONE') throw miniProgramNotFound();
  const needs = SCOPE_OF[change];
  if (needs === 'REVIEWER') {
    if (actor.platformRoles.includes('REVIEWER')) return undefined;
    await accessTo(sql, state, actor);
    throw AppError.forbidden('FORBIDDEN_ROLE', 'only platform reviewers decide versions');
  }
  const access = await accessTo(sql, state, actor);
  if (access.side === 'ISV' && !access.scopes.includes(needs)) throw AppError.forbidden('SCOPE_NOT_GRANTED', `the merchant has not granted your workspace the ${needs} scope on this mini program`);
  return access;
}

/** Every change to a mini program after its creation; answers what API.md gives for each. */
@CommandHandler(ChangeMiniProgram)
export class ChangeMiniProgramHandler implements ICommandHandler<ChangeMiniProgram, unknown> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
  ) {}

  async execute({ miniProgramId, change, meta }: ChangeMiniProgram): Promise<unknown> {
    const actor = signedIn(meta);
    const streamId = miniProgramStreamId(miniProgramId);
    const { state } = await this.aggregates.load(miniProgramDecider, streamId);
    const access = await requireAccess(this.sql, state, change.change, actor);
    if (state.status === 'NONE') throw miniProgramNotFound();
    if (change.change === 'ADD_MEMBER') {
      // Only accounts of the acting workspace, or of the merchant's (DOMAIN.md 4).
      const workspaces = [state.ownerWorkspaceId, ...(access?.side === 'ISV' ? [access.workspaceId] : [])];
      const found = await Promise.all(workspaces.map((w) => membershipOf(this.sql, w, change.accountId)));
      if (!found.some(Boolean)) throw AppError.rule('ACCOUNT_NOT_IN_WORKSPACE', 'only members of your workspace or of the merchant\'s can be added');
    }
    const result = await this.aggregates.handle(miniProgramDecider, streamId, commandOf(change), { metadata: meta });
    const after = result.state;
    if (after.status === 'NONE') throw new Error('a changed mini program has a state');
    switch (change.change) {
      case 'ADD_MEMBER':
        return memberViews(after).find((m) => m.accountId === change.accountId);
      case 'REMOVE_MEMBER':
      case 'DELETE_VERSION':
        return undefined;
      case 'SET_TRIAL':
        return { trialVersion: after.trialVersion };
      case 'ROLLBACK':
      case 'TAKE_OFFLINE':
      case 'BRING_ONLINE':
      case 'SET_DOMAINS':
      case 'SET_BUSINESS_PARAMS':
        return miniProgramView(after, result.version);
      default: {
        const version = own(after.versions, change.version);
        if (!version) throw new Error('a changed version is in the state');
        return versionView(miniProgramId, version);
      }
    }
  }
}
