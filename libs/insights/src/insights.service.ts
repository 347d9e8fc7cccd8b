import { ServiceDefinition } from '@mpp/application';
import { IssueIngestionKey } from './ingestion-keys/issue-ingestion-key/issue-ingestion-key.command';
import { ingestionKeysProjection } from './ingestion-keys/ingestion-keys.projection';
import { RevokeIngestionKey } from './ingestion-keys/revoke-ingestion-key/revoke-ingestion-key.command';
import { InsightsModule } from './insights.module';

/**
 * Insights: usage statistics of mini programs (DOMAIN.md 6). Built in steps (issue 14): so far the host apps'
 * ingestion keys; the collect path and the figures (./figures) come next.
 */
export const insightsService: ServiceDefinition = {
  name: 'insights',
  module: InsightsModule,
  projections: [ingestionKeysProjection],
  consumes: [],
  publishes: [],
  requests: [IssueIngestionKey, RevokeIngestionKey],
};
