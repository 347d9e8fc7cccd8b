import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { AGGREGATE_STORE } from '@mpp/application';
import { sessionDecider, sessionStreamId } from '../session.decider';
import { EndSession } from './end-session.command';

/** Logout: ends the session the access token belongs to; its refresh token stops working at once. */
@CommandHandler(EndSession)
export class EndSessionHandler implements ICommandHandler<EndSession> {
  constructor(@Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore) {}

  async execute({ meta }: EndSession) {
    const actor = signedIn(meta);
    if (!actor.sessionId) return {};
    const streamId = sessionStreamId(actor.sessionId);
    const { state } = await this.aggregates.load(sessionDecider, streamId);
    if (state.status === 'NONE' || state.accountId !== actor.accountId) return {};
    await this.aggregates.handle(sessionDecider, streamId, { type: 'EndSession', reason: 'LOGGED_OUT' }, { metadata: meta });
    return {};
  }
}
