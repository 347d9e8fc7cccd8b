import { LOGGER, SERVICE_LOGS, ServiceDefinition, ServiceLogs } from '@mpp/application';
import { grantedAuthorizationsProjection } from '@mpp/authorization-replica';
import { Logger } from '@mpp/platform';
import { knownWorkspacesProjection } from '@mpp/workspace-replica';
import { GetPageStatistics } from './figures/get-page-statistics/get-page-statistics.query';
import { GetRetention } from './figures/get-retention/get-retention.query';
import { GetStatistics } from './figures/get-statistics/get-statistics.query';
import { usageFiguresProjection } from './figures/usage-figures.projection';
import { IssueIngestionKey } from './ingestion-keys/issue-ingestion-key/issue-ingestion-key.command';
import { ingestionKeysProjection } from './ingestion-keys/ingestion-keys.projection';
import { RevokeIngestionKey } from './ingestion-keys/revoke-ingestion-key/revoke-ingestion-key.command';
import { InsightsModule } from './insights.module';
import { statisticsMiniProgramsProjection } from './readers/statistics-mini-programs.projection';
import { CollectUsage } from './usage/collect-usage/collect-usage.command';
import { UsageLog } from './usage/usage-log';
import { UsageRetentionDaemon } from './usage/usage-retention.daemon';

/**
 * Insights: usage statistics of mini programs (DOMAIN.md 6). Host apps' events come in through CollectUsage into the
 * usage log (./usage); the figures are a projection of that log (./figures); who may read them, and which host apps
 * may report on which mini program, come from the other services' events (./readers).
 */
export const insightsService: ServiceDefinition = {
  name: 'insights',
  module: InsightsModule,
  projections: [ingestionKeysProjection, knownWorkspacesProjection, statisticsMiniProgramsProjection, grantedAuthorizationsProjection, usageFiguresProjection],
  logs: { usage: UsageLog.open },
  consumes: ['identity', 'miniprograms', 'ordering'],
  publishes: [],
  requests: [IssueIngestionKey, RevokeIngestionKey, CollectUsage, GetStatistics, GetPageStatistics, GetRetention],
  daemons: (context) => [new UsageRetentionDaemon(context.get<ServiceLogs>(SERVICE_LOGS).get('usage') as UsageLog, context.get<Logger>(LOGGER))],
};
