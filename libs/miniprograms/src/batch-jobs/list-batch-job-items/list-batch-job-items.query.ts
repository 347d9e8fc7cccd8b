import { LIST_BATCH_JOB_ITEMS } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** A job's items, one page, by status if asked, in the order they were listed. */
export class ListBatchJobItems extends RequestQuery(LIST_BATCH_JOB_ITEMS) {}
