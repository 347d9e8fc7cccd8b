import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '@mpp/eventsourcing';
import { AppError } from '@mpp/platform';
import { AGGREGATE_STORE } from '@mpp/runtime';
import { sessionDecider, sessionStreamId } from '../session.decider';
import { EndSession } from './end-session.command';

/** Logout: ends the session the access token belongs to; its refresh token stops working at once. */
@CommandHandler(EndSession)
export class EndSessionHandler implements ICommandHandler<EndSession, Record<string, never>> {
  constructor(@Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore) {}

  async execute({ meta }: EndSession): Promise<Record<string, never>> {
    const actor = meta.actor;
    if (!actor) throw new AppError('UNAUTHENTICATED', 'unauthenticated', 'sign in first');
    if (!actor.sessionId) return {};
    const streamId = sessionStreamId(actor.sessionId);
    const { state } = await this.aggregates.load(sessionDecider, streamId);
    if (state.status === 'NONE' || state.accountId !== actor.accountId) return {};
    await this.aggregates.handle(sessionDecider, streamId, { type: 'EndSession', reason: 'LOGGED_OUT' }, { metadata: meta });
    return {};
  }
}
