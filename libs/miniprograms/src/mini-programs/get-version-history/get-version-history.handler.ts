import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AggregateStore, SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { AGGREGATE_STORE, SQL_CLIENT } from '@mpp/runtime';
import { versionNotFound } from '../../miniprograms.errors';
import { historyItem, readableHistory } from '../mini-program-reads';
import { GetVersionHistory } from './get-version-history.query';

/** Every transition of one version (a rollback's too, from or to it), oldest first, from the mini program's stream. */
@QueryHandler(GetVersionHistory)
export class GetVersionHistoryHandler implements IQueryHandler<GetVersionHistory> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
  ) {}

  async execute({ payload, meta }: GetVersionHistory) {
    const { version } = payload;
    const events = await readableHistory(this.aggregates, this.sql, payload.miniProgramId, signedIn(meta));
    if (!events.some((e) => e.data.version === version)) throw versionNotFound(version);
    return { items: events.filter((e) => e.data.version === version || e.data.from === version || e.data.to === version).map(historyItem) };
  }
}
