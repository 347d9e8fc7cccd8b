import { applyInOrder, Projection, RowBuffers, SqlClient, StoredEvent, TableNames } from '@mpp/eventsourcing';
import { own } from '@mpp/platform';
import { miniProgramDecider, MiniProgramEvent, MiniProgramState, MINI_PROGRAM_EVENT_TYPES } from './mini-program.decider';
import { miniProgramView, versionView } from './mini-program-views';

/**
 * Every mini program (its folded state, so the read side never re-implements the rules) and every version (for
 * the lists and the reviewer queue across all mini programs), updated in the same transaction.
 */
export const miniProgramsProjection: Projection = {
  name: 'mini-programs',
  source: 'store',
  eventTypes: MINI_PROGRAM_EVENT_TYPES,
  tables: ['mini_programs', 'mini_program_versions'],
  schema: (t) => `
    CREATE TABLE ${t('mini_programs')} (
      mini_program_id text PRIMARY KEY, owner_workspace_id text NOT NULL, updated_at timestamptz NOT NULL, state jsonb NOT NULL, view jsonb NOT NULL
    );
    CREATE INDEX ON ${t('mini_programs')} (owner_workspace_id, updated_at DESC, mini_program_id DESC);
    CREATE TABLE ${t('mini_program_versions')} (
      mini_program_id text NOT NULL, version text NOT NULL, status text NOT NULL, uploaded_at timestamptz NOT NULL, updated_at timestamptz NOT NULL, view jsonb NOT NULL,
      PRIMARY KEY (mini_program_id, version)
    );
    CREATE INDEX ON ${t('mini_program_versions')} (status, updated_at, mini_program_id, version);`,
  apply: (tx, event, t) => applyInOrder(tx, miniProgramsProjection, [event], t),
  // Set-based: a batch reads the states of its mini programs in one statement, folds its events in memory and writes
  // each changed row once (a page of a rebuild holds many events of the same mini program).
  applyBatch: applyEvents,
};

const PREFIX = 'MiniProgram-';

type MiniProgramRow = { mini_program_id: string; owner_workspace_id: string; updated_at: string; state: MiniProgramState; view: unknown };
type VersionRow = { mini_program_id: string; version: string; status: string; uploaded_at: string; updated_at: string; view: unknown };

async function applyEvents(tx: SqlClient, stored: StoredEvent[], t: TableNames, rows: RowBuffers): Promise<void> {
  const events = stored.filter((e) => e.streamId.startsWith(PREFIX));
  if (events.length === 0) return;
  const programs = rows.of<MiniProgramRow>(t('mini_programs'), ['mini_program_id']);
  const versions = rows.of<VersionRow>(t('mini_program_versions'), ['mini_program_id', 'version']);
  await programs.load(tx, events.map((e) => ({ mini_program_id: e.streamId.slice(PREFIX.length) })));
  for (const event of events) {
    const miniProgramId = event.streamId.slice(PREFIX.length);
    const before: MiniProgramState = programs.get({ mini_program_id: miniProgramId })?.state ?? miniProgramDecider.initialState();
    const state = miniProgramDecider.evolve(before, { type: event.type, data: event.data } as MiniProgramEvent);
    if (state.status === 'NONE') continue;
    programs.put({ mini_program_id: miniProgramId, owner_workspace_id: state.ownerWorkspaceId, updated_at: state.updatedAt, state, view: miniProgramView(state, event.streamPosition) });
    // The versions this event touched: those whose state changed, and those it removed.
    const old = before.status === 'NONE' ? {} : before.versions;
    for (const version of new Set([...Object.keys(old), ...Object.keys(state.versions)])) {
      const now = own(state.versions, version);
      const was = own(old, version);
      if (!now) versions.delete({ mini_program_id: miniProgramId, version });
      else if (was?.updatedAt !== now.updatedAt || was?.status !== now.status) {
        versions.put({ mini_program_id: miniProgramId, version, status: now.status, uploaded_at: now.uploadedAt, updated_at: now.updatedAt, view: versionView(miniProgramId, now) });
      }
    }
  }
}
