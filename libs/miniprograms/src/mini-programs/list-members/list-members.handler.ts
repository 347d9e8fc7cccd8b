import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { SQL_CLIENT } from '@mpp/runtime';
import { readableMiniProgram } from '../mini-program-reads';
import { memberViews } from '../mini-program-views';
import { ListMembers } from './list-members.query';

/** Its developers and testers, first added first; to the merchant, an authorized ISV and reviewers. */
@QueryHandler(ListMembers)
export class ListMembersHandler implements IQueryHandler<ListMembers> {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async execute({ payload, meta }: ListMembers) {
    const state = await readableMiniProgram(this.sql, payload.miniProgramId, signedIn(meta));
    return { items: memberViews(state) };
  }
}
