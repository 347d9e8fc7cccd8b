import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CREATE_MINI_PROGRAM, CreateMiniProgramPayload, GET_MINI_PROGRAM, LIST_WORKSPACE_MINI_PROGRAMS, MINIPROGRAMS_PUBLIC_EVENTS } from '@mpp/contracts';
import { knownWorkspacesProjection } from '@mpp/messaging';
import { ServiceDefinition } from '@mpp/runtime';
import { grantedAuthorizationsProjection } from './access/granted-authorizations.projection';
import { CreateMiniProgram } from './mini-programs/create-mini-program';
import { miniProgramsProjection } from './mini-programs/mini-programs.projection';
import { GetMiniProgram, ListWorkspaceMiniPrograms } from './mini-programs/read-mini-programs';
import { MiniprogramsModule } from './miniprograms.module';

type Ids = { miniProgramId: string; workspaceId: string; limit: number; cursor?: string };

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
    router.register(LIST_WORKSPACE_MINI_PROGRAMS, (m) => queries.execute(new ListWorkspaceMiniPrograms(p(m.payload).workspaceId, p(m.payload).limit, p(m.payload).cursor, m.meta)));
  },
};
