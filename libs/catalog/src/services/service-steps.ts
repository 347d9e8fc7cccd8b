import { Inject, Injectable } from '@nestjs/common';
import { RequestMeta, ServiceStepReply } from '@mpp/contracts';
import { AggregateStore, requireExpectedVersion, SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { AGGREGATE_STORE, SQL_CLIENT } from '@mpp/application';
import { serviceNotFound } from '../catalog.errors';
import { isMemberOf, requireIsvMember } from '../workspaces/isv-access';
import { ExistingService, ServiceCommand, serviceDecider, serviceStreamId } from './service.decider';
import { toStepReply } from './service-view';

/** A step's command, or how to make it from the service as it stands (submit and approve ask about its template). */
export type ServiceStep = ServiceCommand | ((state: ExistingService) => Promise<ServiceCommand>);

/**
 * What every step of the ISV on its service does (edit, submit, withdraw, archive): find the service as a member
 * of its ISV with service rights sees it (404 to anyone else), check If-Match, and let the decider take the step.
 */
@Injectable()
export class ServiceSteps {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
  ) {}

  /** The service its ISV's member works on, If-Match checked (before an edit claims a new name, so a stale one claims nothing). */
  async load(serviceId: string, meta: RequestMeta): Promise<{ streamId: string; state: ExistingService; version: number }> {
    const actor = signedIn(meta);
    const streamId = serviceStreamId(serviceId);
    const { state, version } = await this.aggregates.load(serviceDecider, streamId);
    // Another ISV's service is not shown to exist.
    if (state.status === 'NONE' || !(await isMemberOf(this.sql, state.isvWorkspaceId, actor))) throw serviceNotFound();
    await requireIsvMember(this.sql, state.isvWorkspaceId, actor);
    requireExpectedVersion(meta.expectedVersion, version);
    return { streamId, state, version };
  }

  /** Submit, withdraw or archive: answers the status the step led to. */
  async take(serviceId: string, meta: RequestMeta, step: ServiceStep): Promise<ServiceStepReply> {
    const { streamId, state, version } = await this.load(serviceId, meta);
    const command = typeof step === 'function' ? await step(state) : step;
    const result = await this.aggregates.handle(serviceDecider, streamId, command, { metadata: meta, from: { state, version } });
    return toStepReply(result.state, result.version);
  }
}
