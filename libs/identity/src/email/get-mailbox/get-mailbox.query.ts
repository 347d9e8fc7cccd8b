export class GetMailbox {
  constructor(readonly to: string) {}
}
