import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { MiniProgramReads } from '../mini-program-reads';
import { memberViews } from '../mini-program-views';
import { ListMembers } from './list-members.query';

/** Its developers and testers, first added first. */
@QueryHandler(ListMembers)
export class ListMembersHandler implements IQueryHandler<ListMembers> {
  constructor(private readonly reads: MiniProgramReads) {}

  async execute({ payload, meta }: ListMembers) {
    return { items: memberViews(await this.reads.current(payload.miniProgramId, meta)) };
  }
}
