import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { GetPageStatisticsHandler } from './figures/get-page-statistics/get-page-statistics.handler';
import { GetRetentionHandler } from './figures/get-retention/get-retention.handler';
import { GetStatisticsHandler } from './figures/get-statistics/get-statistics.handler';
import { IssueIngestionKeyHandler } from './ingestion-keys/issue-ingestion-key/issue-ingestion-key.handler';
import { RevokeIngestionKeyHandler } from './ingestion-keys/revoke-ingestion-key/revoke-ingestion-key.handler';
import { CollectUsageHandler } from './usage/collect-usage/collect-usage.handler';

const handlers = [IssueIngestionKeyHandler, RevokeIngestionKeyHandler, CollectUsageHandler, GetStatisticsHandler, GetPageStatisticsHandler, GetRetentionHandler];

@Module({ imports: [CqrsModule.forRoot()], providers: [...handlers] })
export class InsightsModule {}
