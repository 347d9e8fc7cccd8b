import { MiniProgramHistoryItem, RequestActor } from '@mpp/contracts';
import { AggregateStore, SqlClient, StoredEvent } from '@mpp/eventsourcing';
import { requireReadable } from '../access/mini-program-access';
import { miniProgramNotFound } from '../miniprograms.errors';
import { ExistingMiniProgram, miniProgramDecider, MiniProgramState, miniProgramStreamId } from './mini-program.decider';

/** The mini program as its projection holds it, to a caller who may read it (404 to the others). */
export async function readableMiniProgram(sql: SqlClient, miniProgramId: string, actor: RequestActor): Promise<ExistingMiniProgram> {
  const { rows } = await sql.query<{ state: MiniProgramState }>(`SELECT state FROM mini_programs WHERE mini_program_id = $1`, [miniProgramId]);
  const state = rows[0]?.state;
  if (!state || state.status === 'NONE') throw miniProgramNotFound();
  await requireReadable(sql, state, actor);
  return state;
}

/** The mini program's events from its own stream, to a caller who may read it (404 to the others). */
export async function readableHistory(aggregates: AggregateStore, sql: SqlClient, miniProgramId: string, actor: RequestActor): Promise<StoredEvent[]> {
  const { state, events } = await aggregates.load(miniProgramDecider, miniProgramStreamId(miniProgramId));
  if (state.status === 'NONE') throw miniProgramNotFound();
  await requireReadable(sql, state, actor);
  return events;
}

/** One event as the history answers it. */
export function historyItem(e: StoredEvent): MiniProgramHistoryItem {
  return {
    type: e.type.replace(/^miniprograms\./, ''),
    actor: e.metadata.actor?.accountId ?? 'system',
    at: e.metadata.occurredAt,
    sequence: e.streamPosition,
    ...(typeof e.data.version === 'string' ? { version: e.data.version } : {}),
    ...(e.data.reason ? { reason: e.data.reason as string } : {}),
    ...(e.data.note ? { note: e.data.note as string } : {}),
    ...(e.data.releaseMode ? { releaseMode: e.data.releaseMode as string } : {}),
    ...(e.data.percent ? { grayPercent: e.data.percent as number } : {}),
    ...(e.data.accountId ? { accountId: e.data.accountId as string } : {}),
    ...(e.data.from ? { from: e.data.from as string, to: e.data.to as string } : {}),
  };
}
