import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { MiniProgramView } from '@mpp/contracts';
import { SqlClient } from '@mpp/eventsourcing';
import { signedIn } from '@mpp/messaging';
import { SQL_CLIENT } from '@mpp/application';
import { requireReadable } from '../../access/mini-program-access';
import { miniProgramNotFound } from '../../miniprograms.errors';
import { GetMiniProgram } from './get-mini-program.query';

/** A mini program's detail: its merchant's members, the members of an ISV it has authorized, and reviewers. */
@QueryHandler(GetMiniProgram)
export class GetMiniProgramHandler implements IQueryHandler<GetMiniProgram> {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async execute({ payload, meta }: GetMiniProgram) {
    const actor = signedIn(meta);
    const { rows } = await this.sql.query<{ view: MiniProgramView }>(`SELECT view FROM mini_programs WHERE mini_program_id = $1`, [payload.miniProgramId]);
    if (!rows[0]) throw miniProgramNotFound();
    await requireReadable(this.sql, rows[0].view, actor);
    return rows[0].view;
  }
}
