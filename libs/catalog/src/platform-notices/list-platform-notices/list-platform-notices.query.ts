export class ListPlatformNotices {
  constructor(
    readonly limit: number,
    readonly cursor?: string,
    readonly status?: 'PUBLISHED' | 'WITHDRAWN',
  ) {}
}
