import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

/** Its use cases arrive with the miniprograms issue; the module boots so the process and its transport can be proven now. */
@Module({ imports: [CqrsModule.forRoot()] })
export class MiniprogramsModule {}
