import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { IssueIngestionKeyHandler } from './ingestion-keys/issue-ingestion-key/issue-ingestion-key.handler';
import { RevokeIngestionKeyHandler } from './ingestion-keys/revoke-ingestion-key/revoke-ingestion-key.handler';

const handlers = [IssueIngestionKeyHandler, RevokeIngestionKeyHandler];

@Module({ imports: [CqrsModule.forRoot()], providers: [...handlers] })
export class InsightsModule {}
