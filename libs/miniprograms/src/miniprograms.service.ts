import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  CHANGE_MINI_PROGRAM,
  ChangeMiniProgramPayload,
  CHECK_UPLOAD,
  CREATE_MINI_PROGRAM,
  CreateMiniProgramPayload,
  GET_MINI_PROGRAM,
  GET_MINI_PROGRAM_HISTORY,
  GET_VERSION,
  LIST_MINI_PROGRAM_MEMBERS,
  LIST_VERSIONS,
  LIST_VERSIONS_FOR_REVIEW,
  LIST_WORKSPACE_MINI_PROGRAMS,
  MINIPROGRAMS_PUBLIC_EVENTS,
  VersionStatus,
} from '@mpp/contracts';
import { knownWorkspacesProjection } from '@mpp/messaging';
import { ServiceDefinition } from '@mpp/runtime';
import { grantedAuthorizationsProjection } from './access/granted-authorizations.projection';
import { ChangeMiniProgram } from './mini-programs/change-mini-program';
import { CreateMiniProgram } from './mini-programs/create-mini-program';
import { ListVersionsForReview, ReadMiniProgramPart } from './mini-programs/read-mini-program-parts';
import { miniProgramsProjection } from './mini-programs/mini-programs.projection';
import { GetMiniProgram, ListWorkspaceMiniPrograms } from './mini-programs/read-mini-programs';
import { MiniprogramsModule } from './miniprograms.module';

type Ids = { miniProgramId: string; workspaceId: string; version: string; status?: VersionStatus; limit: number; cursor?: string };

/** Mini programs (DOMAIN.md 4); ISVs reach them through the authorizations ordering publishes. */
export const miniprogramsService: ServiceDefinition = {
  name: 'miniprograms',
  module: MiniprogramsModule,
  projections: [knownWorkspacesProjection, grantedAuthorizationsProjection, miniProgramsProjection],
  consumes: ['identity', 'ordering'],
  publishes: MINIPROGRAMS_PUBLIC_EVENTS,
  registerRequests(context, router) {
    const commands = context.get(CommandBus);
    const queries = context.get(QueryBus);
    const p = (payload: unknown) => payload as Ids;
    router.register(CREATE_MINI_PROGRAM, (m) => commands.execute(new CreateMiniProgram(m.payload as CreateMiniProgramPayload, m.meta)));
    router.register(GET_MINI_PROGRAM, (m) => queries.execute(new GetMiniProgram(p(m.payload).miniProgramId, m.meta)));
    router.register(CHANGE_MINI_PROGRAM, (m) => {
      const { miniProgramId, change } = m.payload as ChangeMiniProgramPayload;
      return commands.execute(new ChangeMiniProgram(miniProgramId, change, m.meta));
    });
    const part = (what: ConstructorParameters<typeof ReadMiniProgramPart>[1]) => (m: { payload: unknown; meta: ConstructorParameters<typeof ReadMiniProgramPart>[2] }) =>
      queries.execute(new ReadMiniProgramPart(p(m.payload).miniProgramId, what, m.meta));
    router.register(LIST_MINI_PROGRAM_MEMBERS, part({ part: 'MEMBERS' }));
    router.register(LIST_VERSIONS, part({ part: 'VERSIONS' }));
    router.register(GET_VERSION, (m) => queries.execute(new ReadMiniProgramPart(p(m.payload).miniProgramId, { part: 'VERSION', version: p(m.payload).version }, m.meta)));
    router.register(GET_MINI_PROGRAM_HISTORY, (m) => queries.execute(new ReadMiniProgramPart(p(m.payload).miniProgramId, { part: 'HISTORY', version: p(m.payload).version }, m.meta)));
    router.register(CHECK_UPLOAD, (m) => queries.execute(new ReadMiniProgramPart(p(m.payload).miniProgramId, { part: 'UPLOAD_CHECK', version: p(m.payload).version }, m.meta)));
    router.register(LIST_VERSIONS_FOR_REVIEW, (m) => queries.execute(new ListVersionsForReview(p(m.payload).status ?? 'IN_REVIEW', p(m.payload).limit, p(m.payload).cursor, m.meta)));
    router.register(LIST_WORKSPACE_MINI_PROGRAMS, (m) => queries.execute(new ListWorkspaceMiniPrograms(p(m.payload).workspaceId, p(m.payload).limit, p(m.payload).cursor, m.meta)));
  },
};
