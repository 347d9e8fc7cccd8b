export class GetPlatformNotice {
  constructor(readonly noticeId: string) {}
}
