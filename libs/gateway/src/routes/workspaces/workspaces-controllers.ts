import { InvitationsController } from './invitations.controller';
import { ReviewWorkspaceApplicationsController } from './review-workspace-applications.controller';
import { WorkspaceApplicationsController } from './workspace-applications.controller';
import { WorkspaceInvitationsController } from './workspace-invitations.controller';
import { WorkspaceMembersController } from './workspace-members.controller';
import { WorkspacesController } from './workspaces.controller';

/** Workspace onboarding and membership routes (API.md "Identity"); GatewayRoutesModule mounts them. */
export const workspacesControllers = [
  WorkspaceApplicationsController,
  ReviewWorkspaceApplicationsController,
  WorkspacesController,
  WorkspaceMembersController,
  WorkspaceInvitationsController,
  InvitationsController,
];
