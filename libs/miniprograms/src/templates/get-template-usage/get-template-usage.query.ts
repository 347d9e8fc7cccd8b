import { GET_TEMPLATE_USAGE } from '@mpp/contracts';
import { RequestQuery } from '@mpp/messaging';

/** The mini programs made from a template, one page. */
export class GetTemplateUsage extends RequestQuery(GET_TEMPLATE_USAGE) {}
