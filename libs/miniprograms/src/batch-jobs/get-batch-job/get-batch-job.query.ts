import { GET_BATCH_JOB } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** A job with its items' counts (the ISV's members). */
export class GetBatchJob extends RequestQuery(GET_BATCH_JOB) {}
