import { LIST_VERSIONS } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** A mini program's versions. */
export class ListVersions extends RequestQuery(LIST_VERSIONS) {}
