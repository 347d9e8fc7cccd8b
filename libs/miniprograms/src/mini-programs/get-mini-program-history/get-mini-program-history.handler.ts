import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AggregateStore, SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { AGGREGATE_STORE, SQL_CLIENT } from '@mpp/runtime';
import { historyItem, readableHistory } from '../mini-program-reads';
import { GetMiniProgramHistory } from './get-mini-program-history.query';

/** Every transition of the mini program and its versions, oldest first, from its own stream. */
@QueryHandler(GetMiniProgramHistory)
export class GetMiniProgramHistoryHandler implements IQueryHandler<GetMiniProgramHistory> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
  ) {}

  async execute({ payload, meta }: GetMiniProgramHistory) {
    const events = await readableHistory(this.aggregates, this.sql, payload.miniProgramId, signedIn(meta));
    return { items: events.map(historyItem) };
  }
}
