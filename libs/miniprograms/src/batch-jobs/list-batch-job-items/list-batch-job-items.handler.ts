import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { BatchJobItemView } from '@mpp/contracts';
import { SqlClient } from '@mpp/eventsourcing';
import { decodeCursor, toPage } from '@mpp/platform';
import { SQL_CLIENT } from '@mpp/application';
import { BatchJobReads } from '../batch-job-changes';
import { BatchItemState } from '../batch-job.decider';
import { ListBatchJobItems } from './list-batch-job-items.query';

type ItemRow = { idx: number; mini_program_id: string; status: BatchJobItemView['status']; code: string | null; message: string | null; attempts: number };

/** The job's items in the order they were listed, of one status if asked; the job's members only. */
@QueryHandler(ListBatchJobItems)
export class ListBatchJobItemsHandler implements IQueryHandler<ListBatchJobItems> {
  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    private readonly reads: BatchJobReads,
  ) {}

  async execute({ payload, meta }: ListBatchJobItems) {
    const { jobId, status, limit, cursor } = payload;
    const read = await this.reads.read(jobId, meta);
    const after = decodeCursor<{ i: number }>(cursor, { i: 'number' })?.i ?? -1;
    const rows = read.items ? fromStream(read.items, status, after, limit) : await this.fromTable(jobId, status, after, limit);
    const page = toPage(rows, limit, (r) => ({ i: r.idx }));
    return { items: page.items.map(itemView), nextCursor: page.nextCursor };
  }

  private async fromTable(jobId: string, status: string | undefined, after: number, limit: number): Promise<ItemRow[]> {
    const { rows } = await this.sql.query<ItemRow>(
      `SELECT idx, mini_program_id, status, code, message, attempts FROM batch_job_items
        WHERE job_id = $1 AND ($2::text IS NULL OR status = $2) AND idx > $3 ORDER BY idx LIMIT $4`,
      [jobId, status ?? null, after, limit + 1],
    );
    return rows;
  }
}

/** The same page from the job's stream, while its read model has not caught up. */
const fromStream = (items: readonly BatchItemState[], status: string | undefined, after: number, limit: number): ItemRow[] =>
  items
    .map((it, idx) => ({ idx, mini_program_id: it.miniProgramId, status: it.status, code: it.code ?? null, message: it.message ?? null, attempts: it.attempts }))
    .filter((r) => r.idx > after && (status === undefined || r.status === status))
    .slice(0, limit + 1);

const itemView = (r: ItemRow): BatchJobItemView => ({
  miniProgramId: r.mini_program_id,
  status: r.status,
  ...(r.code !== null ? { code: r.code, message: r.message ?? '' } : {}),
  attempts: r.attempts,
});
