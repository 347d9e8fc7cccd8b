import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '@mpp/eventsourcing';
import { AGGREGATE_STORE } from '@mpp/application';
import { issueIngestionKey } from '../ingestion-key-changes';
import { IssueIngestionKey } from './issue-ingestion-key.command';

@CommandHandler(IssueIngestionKey)
export class IssueIngestionKeyHandler implements ICommandHandler<IssueIngestionKey> {
  constructor(@Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore) {}

  execute({ payload, meta }: IssueIngestionKey) {
    return issueIngestionKey(this.aggregates, payload.hostApp, meta);
  }
}
