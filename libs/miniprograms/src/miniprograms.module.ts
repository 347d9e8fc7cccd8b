import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CreateMiniProgramHandler } from './mini-programs/create-mini-program';
import { GetMiniProgramHandler, ListWorkspaceMiniProgramsHandler } from './mini-programs/read-mini-programs';

@Module({ imports: [CqrsModule.forRoot()], providers: [CreateMiniProgramHandler, GetMiniProgramHandler, ListWorkspaceMiniProgramsHandler] })
export class MiniprogramsModule {}
