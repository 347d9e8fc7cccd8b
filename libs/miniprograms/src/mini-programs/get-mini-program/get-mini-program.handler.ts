import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { MiniProgramReads } from '../mini-program-reads';
import { GetMiniProgram } from './get-mini-program.query';

/** A mini program's detail: its merchant's members, the members of an ISV it has authorized, and reviewers. */
@QueryHandler(GetMiniProgram)
export class GetMiniProgramHandler implements IQueryHandler<GetMiniProgram> {
  constructor(private readonly reads: MiniProgramReads) {}

  execute({ payload, meta }: GetMiniProgram) {
    return this.reads.view(payload.miniProgramId, meta);
  }
}
