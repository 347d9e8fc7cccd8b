import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { UsageBatchAnswer } from '@mpp/contracts';
import { SqlClient } from '@mpp/eventsourcing';
import { SERVICE_LOGS, ServiceLogs, SQL_CLIENT } from '@mpp/application';
import { ingestionKeyInvalid } from '../../insights.errors';
import { knownMiniPrograms } from '../../readers/statistics-mini-programs.projection';
import { checkUsageEvent } from '../../figures/usage-event-check';
import { utcDate } from '../../figures/periods';
import { UsageLog, UsageRow } from '../usage-log';
import { CollectUsage } from './collect-usage.command';

/**
 * Takes a host app's batch: the key must be live; each event is checked on its own (DOMAIN.md 6), and the good ones
 * are appended to the usage log in one transaction with the claim of their ids, so an event is counted once however
 * often it arrives (a retry, two gateways, a repeat within the batch).
 */
@CommandHandler(CollectUsage)
export class CollectUsageHandler implements ICommandHandler<CollectUsage> {
  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(SERVICE_LOGS) private readonly logs: ServiceLogs,
  ) {}

  async execute({ payload }: CollectUsage): Promise<UsageBatchAnswer> {
    const { rows: keys } = await this.sql.query<{ host_app: string }>(`SELECT host_app FROM ingestion_keys WHERE key_hash = $1 AND revoked_at IS NULL`, [payload.keyHash]);
    if (keys.length === 0) throw ingestionKeyInvalid();
    const hostApp = keys[0].host_app;
    const now = new Date();
    // The mini programs named, looked up at once (checkUsageEvent checks each event's fields after).
    const named = new Set<string>();
    for (const raw of payload.events) {
      const id = (raw as { miniProgramId?: unknown } | null)?.miniProgramId;
      if (typeof id === 'string' && id.length <= 64) named.add(id);
    }
    const miniPrograms = await knownMiniPrograms(this.sql, [...named]);

    const answer: UsageBatchAnswer = { accepted: 0, duplicates: 0, rejected: [] };
    const rows: UsageRow[] = [];
    const inBatch = new Set<string>();
    payload.events.forEach((raw, index) => {
      const checked = checkUsageEvent(raw, hostApp, now, (id) => miniPrograms.get(id)?.targetApps);
      if ('refused' in checked) return answer.rejected.push({ index, code: checked.refused });
      const e = checked.event;
      if (inBatch.has(e.eventId)) return answer.duplicates++;
      inBatch.add(e.eventId);
      // The visitor is the host app's user: the same opaque id in two host apps is two people.
      rows.push({
        eventId: e.eventId,
        miniProgramId: e.miniProgramId,
        hostApp,
        type: e.type,
        visitor: `${hostApp}:${e.userId}`,
        sessionId: e.sessionId,
        page: e.page,
        durationMs: e.durationMs,
        occurredAt: e.occurredAt.toISOString(),
        day: utcDate(e.occurredAt),
      });
    });

    const fresh = await (this.logs.get('usage') as UsageLog).append(rows);
    answer.accepted = fresh.size;
    answer.duplicates += rows.length - fresh.size;
    return answer;
  }
}
