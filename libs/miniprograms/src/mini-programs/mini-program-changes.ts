import { Inject, Injectable } from '@nestjs/common';
import { MiniProgramView, RequestMeta, VersionView } from '@mpp/contracts';
import { AggregateStore, SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { own } from '@mpp/platform';
import { AGGREGATE_STORE, SQL_CLIENT } from '@mpp/application';
import { MiniProgramAccess, Needs, requireAccess } from '../access/mini-program-access';
import { miniProgramNotFound } from '../miniprograms.errors';
import { ExistingMiniProgram, MiniProgramCommand, miniProgramDecider, miniProgramStreamId } from './mini-program.decider';
import { miniProgramView, versionView } from './mini-program-views';

/** A check of a verb's own before its command is decided (e.g. whom a member may be). */
export type Precheck = (state: ExistingMiniProgram, access: MiniProgramAccess | undefined) => Promise<void>;

/** A change's command, or how to make it from the mini program as it stands and the caller's access (applying a template). */
export type Step<C extends MiniProgramCommand> = C | ((state: ExistingMiniProgram, access: MiniProgramAccess | undefined) => Promise<C>);

/**
 * What every change of a mini program after its creation does: load it, let through only callers with what the
 * verb needs (404 to those who do not see it), decide the command and append its events.
 */
@Injectable()
export class MiniProgramChanges {
  constructor(
    @Inject(AGGREGATE_STORE) private readonly aggregates: AggregateStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
  ) {}

  /** The mini program as it is now, to a caller with what the verb needs; with how the caller reaches it. */
  async open(miniProgramId: string, meta: RequestMeta, needs: Needs): Promise<{ state: ExistingMiniProgram; version: number; access: MiniProgramAccess | undefined }> {
    const { state, version } = await this.aggregates.load(miniProgramDecider, miniProgramStreamId(miniProgramId));
    if (state.status === 'NONE') throw miniProgramNotFound();
    return { state, version, access: await requireAccess(this.sql, state, needs, signedIn(meta)) };
  }

  async make<C extends MiniProgramCommand>(miniProgramId: string, meta: RequestMeta, needs: Needs, step: Step<C>, precheck?: Precheck): Promise<{ state: ExistingMiniProgram; version: number; command: C }> {
    const { state, version, access } = await this.open(miniProgramId, meta, needs);
    await precheck?.(state, access);
    const command = typeof step === 'function' ? await step(state, access) : step;
    // Decided on the state just read (a write meanwhile is a conflict, after which the stream is read afresh).
    const result = await this.aggregates.handle(miniProgramDecider, miniProgramStreamId(miniProgramId), command, { metadata: meta, from: { state, version } });
    if (result.state.status === 'NONE') throw new Error('a changed mini program has a state');
    return { state: result.state, version: result.version, command };
  }

  /** A change of one version; answers the version as it is after. */
  async ofVersion(miniProgramId: string, meta: RequestMeta, needs: Needs, step: Step<MiniProgramCommand & { version: string }>, precheck?: Precheck): Promise<VersionView> {
    const { state, command } = await this.make(miniProgramId, meta, needs, step, precheck);
    const version = own(state.versions, command.version);
    if (!version) throw new Error('a changed version is in the state');
    return versionView(miniProgramId, version);
  }

  /** A change of the mini program as a whole; answers its detail. */
  async ofMiniProgram(miniProgramId: string, meta: RequestMeta, needs: Needs, command: MiniProgramCommand): Promise<MiniProgramView> {
    const { state, version } = await this.make(miniProgramId, meta, needs, command);
    return miniProgramView(state, version);
  }
}
