import { LIST_AUTHORIZATIONS } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** The authorizations of the caller's workspaces, optionally of one mini program or workspace. */
export class ListAuthorizations extends RequestQuery(LIST_AUTHORIZATIONS) {}
