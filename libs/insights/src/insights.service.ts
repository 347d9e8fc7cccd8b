import { ServiceDefinition } from '@mpp/application';
import { grantedAuthorizationsProjection } from '@mpp/authorization-replica';
import { knownWorkspacesProjection } from '@mpp/workspace-replica';
import { IssueIngestionKey } from './ingestion-keys/issue-ingestion-key/issue-ingestion-key.command';
import { ingestionKeysProjection } from './ingestion-keys/ingestion-keys.projection';
import { RevokeIngestionKey } from './ingestion-keys/revoke-ingestion-key/revoke-ingestion-key.command';
import { InsightsModule } from './insights.module';
import { statisticsMiniProgramsProjection } from './readers/statistics-mini-programs.projection';

/**
 * Insights: usage statistics of mini programs (DOMAIN.md 6). Built in steps (issue 14): so far the host apps'
 * ingestion keys and who reads which mini program's figures (./readers); the collect path and the figures (./figures)
 * come next.
 */
export const insightsService: ServiceDefinition = {
  name: 'insights',
  module: InsightsModule,
  // Who may read which mini program's figures, and which host apps may report on it: from the other services' events.
  projections: [ingestionKeysProjection, knownWorkspacesProjection, statisticsMiniProgramsProjection, grantedAuthorizationsProjection],
  consumes: ['identity', 'miniprograms', 'ordering'],
  publishes: [],
  requests: [IssueIngestionKey, RevokeIngestionKey],
};
