import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ServiceView } from '@mpp/contracts';
import { AggregateStore, requireExpectedVersion, SqlClient } from '@mpp/eventsourcing';
import { AppError } from '@mpp/platform';
import { AGGREGATE_STORE, SQL_CLIENT } from '@mpp/runtime';
import { SERVICE_NAMES } from '../../catalog.tokens';
import { signedIn } from '@mpp/messaging';
import { isMemberOf, requireIsvMember } from '../../workspaces/isv-access';
import { ServiceNames } from '../service-names';
import { ServiceCommand, serviceDecider, serviceStreamId } from '../service.decider';
import { toServiceView } from '../service-view';
import { ChangeService } from './change-service.command';

const notFound = () => AppError.notFound('SERVICE_NOT_FOUND', 'no such service');

@CommandHandler(ChangeService)
export class ChangeServiceHandler implements ICommandHandler<ChangeService, ServiceView | { status: string; version: number }> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(SERVICE_NAMES) private readonly names: ServiceNames,
  ) {}

  async execute({ serviceId, change, meta }: ChangeService): Promise<ServiceView | { status: string; version: number }> {
    const actor = signedIn(meta);
    const streamId = serviceStreamId(serviceId);
    const { state, version } = await this.aggregates.load(serviceDecider, streamId);
    // Another ISV's service is not shown to exist.
    if (state.status === 'NONE' || !(await isMemberOf(this.sql, state.isvWorkspaceId, actor))) throw notFound();
    await requireIsvMember(this.sql, state.isvWorkspaceId, actor);
    const command: ServiceCommand =
      change.kind === 'EDIT'
        ? { type: 'EditService', changes: change.changes }
        : { type: change.kind === 'SUBMIT' ? 'SubmitService' : change.kind === 'WITHDRAW' ? 'WithdrawService' : 'ArchiveService' };
    const renamed = change.kind === 'EDIT' && change.changes.name !== undefined && change.changes.name.trim().toLowerCase() !== state.content.name.trim().toLowerCase();
    // If-Match checked before a new name is claimed, so a stale edit claims nothing.
    requireExpectedVersion(meta.expectedVersion, version);
    if (renamed) await this.names.claim(state.isvWorkspaceId, change.changes.name as string, serviceId, meta.correlationId);
    const result = await this.aggregates.handle(serviceDecider, streamId, command, { metadata: meta });
    // The old name is free once no version of the service uses it (an ONLINE one keeps it while revised).
    if (renamed && (!state.online || state.online.name.trim().toLowerCase() !== state.content.name.trim().toLowerCase())) {
      await this.names.release(state.isvWorkspaceId, state.content.name, serviceId, meta.correlationId);
    }
    if (change.kind === 'EDIT') return toServiceView(serviceId, result.state, result.version);
    // Submit, withdraw and archive answer the step's status: the revision's while an ONLINE service is revised.
    const after = result.state;
    if (after.status === 'NONE') throw new Error('a changed service has a state');
    return { status: after.status === 'ONLINE' && after.revision ? after.revision : after.status, version: result.version };
  }
}
