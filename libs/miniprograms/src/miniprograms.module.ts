import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ChangeMiniProgramHandler } from './mini-programs/change-mini-program';
import { CreateMiniProgramHandler } from './mini-programs/create-mini-program';
import { ListVersionsForReviewHandler, ReadMiniProgramPartHandler } from './mini-programs/read-mini-program-parts';
import { GetMiniProgramHandler, ListWorkspaceMiniProgramsHandler } from './mini-programs/read-mini-programs';

const commandHandlers = [CreateMiniProgramHandler, ChangeMiniProgramHandler];
const queryHandlers = [GetMiniProgramHandler, ListWorkspaceMiniProgramsHandler, ReadMiniProgramPartHandler, ListVersionsForReviewHandler];

@Module({ imports: [CqrsModule.forRoot()], providers: [...commandHandlers, ...queryHandlers] })
export class MiniprogramsModule {}
