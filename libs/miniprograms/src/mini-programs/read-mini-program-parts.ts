import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { RequestActor, RequestMeta, VersionStatus, VersionView } from '@mpp/contracts';
import { AggregateStore, SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { AppError, decodeCursor, own, Page, toPage } from '@mpp/platform';
import { AGGREGATE_STORE, SQL_CLIENT } from '@mpp/runtime';
import { miniProgramNotFound, requireReadable } from '../access/mini-program-access';
import { requireAccess } from './change-mini-program';
import { miniProgramDecider, MiniProgramState, miniProgramStreamId } from './mini-program.decider';
import { memberViews, versionView } from './mini-program-views';

/** What of a mini program to read: its members, versions, one version, its history; or whether an upload may start. */
export type MiniProgramPart =
  | { part: 'MEMBERS' }
  | { part: 'VERSIONS' }
  | { part: 'VERSION'; version: string }
  | { part: 'HISTORY'; version?: string }
  | { part: 'UPLOAD_CHECK'; version: string };

export class ReadMiniProgramPart {
  constructor(
    readonly miniProgramId: string,
    readonly what: MiniProgramPart,
    readonly meta: RequestMeta,
  ) {}
}

export class ListVersionsForReview {
  constructor(
    readonly status: VersionStatus,
    readonly limit: number,
    readonly cursor: string | undefined,
    readonly meta: RequestMeta,
  ) {}
}

/** The largest package accepted (DOMAIN.md 4: 20 MB by default). */
export const MAX_PACKAGE_BYTES = 20 * 1024 * 1024;

/** Members, versions and history as the mini program's merchant, its authorized ISV and reviewers see them. */
@QueryHandler(ReadMiniProgramPart)
export class ReadMiniProgramPartHandler implements IQueryHandler<ReadMiniProgramPart, unknown> {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
  ) {}

  async execute({ miniProgramId, what, meta }: ReadMiniProgramPart): Promise<unknown> {
    const actor = signedIn(meta);
    if (what.part === 'HISTORY' || what.part === 'UPLOAD_CHECK') {
      const { state, events } = await this.aggregates.load(miniProgramDecider, miniProgramStreamId(miniProgramId));
      if (what.part === 'UPLOAD_CHECK') {
        await requireAccess(this.sql, state, 'UPLOAD_VERSION', actor);
        // The decider's own rules on the version string, before any byte of the package is read.
        miniProgramDecider.decide({ type: 'UploadVersion', version: what.version, description: '', package: { sha256: '', size: 0 } }, state, { now: new Date(), newId: () => '', actor });
        return { maxBytes: MAX_PACKAGE_BYTES };
      }
      await this.readable(state, actor);
      if (what.version !== undefined && (state.status === 'NONE' || !events.some((e) => e.data.version === what.version))) throw AppError.notFound('VERSION_NOT_FOUND', `no version ${what.version}`);
      const shown = what.version === undefined ? events : events.filter((e) => e.data.version === what.version || e.data.from === what.version || e.data.to === what.version);
      return {
        items: shown.map((e) => ({
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
        })),
      };
    }
    const { rows } = await this.sql.query<{ state: MiniProgramState }>(`SELECT state FROM mini_programs WHERE mini_program_id = $1`, [miniProgramId]);
    const state = rows[0]?.state ?? miniProgramDecider.initialState();
    await this.readable(state, actor);
    if (state.status === 'NONE') throw miniProgramNotFound();
    if (what.part === 'MEMBERS') return { items: memberViews(state) };
    if (what.part === 'VERSIONS') return { items: Object.values(state.versions).sort((a, b) => b.uploadedAt.localeCompare(a.uploadedAt)).map((v) => versionView(miniProgramId, v)) };
    const version = own(state.versions, what.version);
    if (!version) throw AppError.notFound('VERSION_NOT_FOUND', `no version ${what.version}`);
    return versionView(miniProgramId, version);
  }

  private async readable(state: MiniProgramState, actor: RequestActor): Promise<void> {
    if (state.status === 'NONE') throw miniProgramNotFound();
    await requireReadable(this.sql, state, actor);
  }
}

/** The reviewers' queue across all mini programs: versions of a status (IN_REVIEW by default), oldest change first. */
@QueryHandler(ListVersionsForReview)
export class ListVersionsForReviewHandler implements IQueryHandler<ListVersionsForReview, Page<VersionView>> {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async execute({ status, limit, cursor, meta }: ListVersionsForReview): Promise<Page<VersionView>> {
    if (!signedIn(meta).platformRoles.includes('REVIEWER')) throw AppError.forbidden('FORBIDDEN_ROLE', 'only reviewers see the review queue');
    const after = decodeCursor<{ at: string; id: string; v: string }>(cursor, { at: 'timestamp', id: 'string', v: 'string' });
    const { rows } = await this.sql.query<{ view: VersionView }>(
      `SELECT view FROM mini_program_versions WHERE status = $1
         AND ($2::timestamptz IS NULL OR (updated_at, mini_program_id, version) > ($2::timestamptz, $3::text, $4::text))
       ORDER BY updated_at, mini_program_id, version LIMIT $5`,
      [status, after?.at ?? null, after?.id ?? null, after?.v ?? null, limit + 1],
    );
    return toPage(rows.map((r) => r.view), limit, (v) => ({ at: v.updatedAt, id: v.miniProgramId, v: v.version }));
  }
}
