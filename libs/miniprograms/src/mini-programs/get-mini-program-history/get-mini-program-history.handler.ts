import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { historyItem, MiniProgramReads } from '../mini-program-reads';
import { GetMiniProgramHistory } from './get-mini-program-history.query';

/** Every transition of the mini program and its versions, oldest first, from its own stream. */
@QueryHandler(GetMiniProgramHistory)
export class GetMiniProgramHistoryHandler implements IQueryHandler<GetMiniProgramHistory> {
  constructor(private readonly reads: MiniProgramReads) {}

  async execute({ payload, meta }: GetMiniProgramHistory) {
    return { items: (await this.reads.events(payload.miniProgramId, meta)).map(historyItem) };
  }
}
