import { Inject, Injectable } from '@nestjs/common';
import { MiniProgramHistoryItem, MiniProgramView, RequestMeta } from '@mpp/contracts';
import { AggregateStore, SqlClient, StoredEvent } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { AGGREGATE_STORE, SQL_CLIENT } from '@mpp/application';
import { requireReadable } from '../access/mini-program-access';
import { miniProgramNotFound } from '../miniprograms.errors';
import { ExistingMiniProgram, miniProgramDecider, MiniProgramState, miniProgramStreamId } from './mini-program.decider';
import { miniProgramView } from './mini-program-views';

/** What the reads of one mini program share: only its merchant's members, an authorized ISV and reviewers see it (404 to the others). */
@Injectable()
export class MiniProgramReads {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
  ) {}

  /**
   * The mini program as its projection holds it, brought up to its stream's end (the projection may not have applied
   * the request just answered: a member added, then listed); from its stream alone while the projection has no row.
   */
  async current(miniProgramId: string, meta: RequestMeta): Promise<ExistingMiniProgram> {
    const { state } = await this.latest(miniProgramId);
    if (!state || state.status === 'NONE') throw miniProgramNotFound();
    await requireReadable(this.sql, state, signedIn(meta));
    return state;
  }

  /** Its detail, the same way: the projection's view while its stream has nothing newer, else made from the state. */
  async view(miniProgramId: string, meta: RequestMeta): Promise<MiniProgramView> {
    const { state, version, view } = await this.latest(miniProgramId);
    if (state.status === 'NONE') throw miniProgramNotFound();
    await requireReadable(this.sql, state, signedIn(meta));
    return view ?? miniProgramView(state, version);
  }

  private async latest(miniProgramId: string): Promise<{ state: MiniProgramState; version: number; view?: MiniProgramView }> {
    const streamId = miniProgramStreamId(miniProgramId);
    const { rows } = await this.sql.query<{ state: MiniProgramState; view: MiniProgramView }>(`SELECT state, view FROM mini_programs WHERE mini_program_id = $1`, [miniProgramId]);
    return this.aggregates.latestOf(miniProgramDecider, streamId, rows[0] && { ...rows[0], version: rows[0].view.version });
  }

  /** Its events from its own stream, oldest first. */
  async events(miniProgramId: string, meta: RequestMeta): Promise<StoredEvent[]> {
    const { state, events } = await this.aggregates.load(miniProgramDecider, miniProgramStreamId(miniProgramId));
    if (state.status === 'NONE') throw miniProgramNotFound();
    await requireReadable(this.sql, state, signedIn(meta));
    return events;
  }
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
    ...(e.data.screenshotId ? { screenshotId: e.data.screenshotId as string } : {}),
    ...(e.data.sha256 ? { sha256: e.data.sha256 as string } : {}),
    ...(e.data.from ? { from: e.data.from as string, to: e.data.to as string } : {}),
  };
}
