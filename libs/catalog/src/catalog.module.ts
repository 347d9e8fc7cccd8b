import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ListPlatformNoticesHandler } from './platform-notices/list-platform-notices/list-platform-notices.handler';

const queryHandlers = [ListPlatformNoticesHandler];

@Module({ imports: [CqrsModule.forRoot()], providers: [...queryHandlers] })
export class CatalogModule {}
