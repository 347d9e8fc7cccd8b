import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { serviceNotFound } from '../../catalog.errors';
import { ServiceReader } from '../service-reader';
import { GetServiceHistory } from './get-service-history.query';
import { serviceHistory } from './service-history';

@QueryHandler(GetServiceHistory)
export class GetServiceHistoryHandler implements IQueryHandler<GetServiceHistory> {
  constructor(private readonly reader: ServiceReader) {}

  async execute({ payload, meta }: GetServiceHistory) {
    const { events, insider } = await this.reader.read(payload.serviceId, meta);
    if (!insider) throw serviceNotFound();
    return { items: serviceHistory(events) };
  }
}
