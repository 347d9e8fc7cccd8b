export interface MarketFilters {
  industry?: string;
  type?: string;
  app?: string;
  q?: string;
  limit: number;
  cursor?: string;
}

export class SearchMarket {
  constructor(
    readonly filters: MarketFilters,
    /** Set for the detail page: one service with its ISV's public information. */
    readonly serviceId?: string,
  ) {}
}
