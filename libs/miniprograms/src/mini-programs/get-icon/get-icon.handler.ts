import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { iconNotFound } from '../../miniprograms.errors';
import { MiniProgramReads } from '../mini-program-reads';
import { GetIcon } from './get-icon.query';

/** Those who see the mini program's detail see its icon; the gateway reads the bytes from its blob store. */
@QueryHandler(GetIcon)
export class GetIconHandler implements IQueryHandler<GetIcon> {
  constructor(private readonly reads: MiniProgramReads) {}

  async execute({ payload, meta }: GetIcon) {
    const { icon } = await this.reads.current(payload.miniProgramId, meta);
    if (!icon) throw iconNotFound();
    return icon;
  }
}
