export class GetWorkspaceLogo {
  constructor(readonly workspaceId: string) {}
}
