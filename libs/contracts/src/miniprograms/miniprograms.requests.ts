// Requests the gateway sends to miniprograms (DOMAIN.md section 4).

export const CREATE_MINI_PROGRAM = 'miniprograms.CreateMiniProgram';
export const LIST_WORKSPACE_MINI_PROGRAMS = 'miniprograms.ListWorkspaceMiniPrograms';
export const GET_MINI_PROGRAM = 'miniprograms.GetMiniProgram';

export interface MiniProgramContent {
  name: string;
  description: string;
  category: string;
  targetApps: string[];
}

export interface CreateMiniProgramPayload extends MiniProgramContent {
  workspaceId: string;
}

/** DEVELOPING until a version is released; ONLINE while one is; OFFLINE when taken offline. */
export type MiniProgramStatus = 'DEVELOPING' | 'ONLINE' | 'OFFLINE';

export interface MiniProgramView extends MiniProgramContent {
  miniProgramId: string;
  ownerWorkspaceId: string;
  status: MiniProgramStatus;
  onlineVersion: string | null;
  trialVersion: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}
