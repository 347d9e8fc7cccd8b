import { CURRENCIES, HOST_APP_IDS, INDUSTRY_IDS, SERVICE_TYPES, ServiceContent } from '@mpp/contracts';
import { AppError, FieldError } from '@mpp/platform';

const TEXT_LIMITS = { name: 80, description: 2000, companyInfo: 2000, details: 5000, tutorial: 5000, successStory: 5000 } as const;
/** What a template id looks like (miniprograms hands them out); anything else names no template. */
const TEMPLATE_ID = /^[A-Za-z0-9-]{1,64}$/;
const isHttpsUrl = (value: unknown) => {
  if (typeof value !== 'string' || value.length > 500) return false;
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
};

/** Every DOMAIN.md rule on a service's content, all problems at once (400 VALIDATION_FAILED with the fields). */
export function checkServiceContent(content: ServiceContent): void {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, message });
  for (const [field, max] of Object.entries(TEXT_LIMITS)) {
    const value = content[field as keyof typeof TEXT_LIMITS];
    const required = field === 'name' || field === 'description';
    if (value === undefined && !required) continue;
    if (typeof value !== 'string' || (required && value.trim() === '') || value.length > max) fail(field, `${required ? 'required, ' : ''}at most ${max} characters`);
  }
  if (!INDUSTRY_IDS.includes(content.industry)) fail('industry', `must be one of ${INDUSTRY_IDS.join(', ')}`);
  if (!SERVICE_TYPES.includes(content.type)) fail('type', `must be one of ${SERVICE_TYPES.join(', ')}`);
  if (!Array.isArray(content.images) || content.images.length < 1 || content.images.length > 5) fail('images', '1 to 5 images');
  else content.images.forEach((url, i) => !isHttpsUrl(url) && fail(`images.${i}`, 'must be an https URL'));
  if (!Array.isArray(content.applicableApps) || content.applicableApps.length < 1) fail('applicableApps', 'at least one host app');
  else content.applicableApps.forEach((app, i) => !HOST_APP_IDS.includes(app) && fail(`applicableApps.${i}`, `unknown host app ${app}`));
  const payment = content.payment;
  if (!payment || !['FREE', 'FIXED', 'QUOTE'].includes(payment.model)) fail('payment.model', 'must be FREE, FIXED or QUOTE');
  else if (payment.model === 'FIXED') {
    if (typeof payment.amount !== 'number' || !(payment.amount > 0) || payment.amount > 1e9) fail('payment.amount', 'a positive amount is required for FIXED');
    if (!(CURRENCIES as readonly string[]).includes(payment.currency ?? '')) fail('payment.currency', 'an ISO 4217 currency is required for FIXED');
  } else if (payment.amount !== undefined || payment.currency !== undefined) {
    fail('payment', 'amount and currency go only with FIXED');
  }
  if (content.type === 'MINI_PROGRAM_TEMPLATE') {
    if (typeof content.templateId !== 'string' || !TEMPLATE_ID.test(content.templateId)) fail('templateId', 'required for a MINI_PROGRAM_TEMPLATE service: one of the ISV\'s templates');
  } else if (content.templateId !== undefined) {
    fail('templateId', 'only a MINI_PROGRAM_TEMPLATE service names a template');
  }
  if (errors.length) throw AppError.badInput('the service is not valid', errors);
}

/**
 * The content after an edit. Changing the type to MINI_PROGRAM_DEVELOPMENT lets go of the template unless the
 * edit names one (then it is refused): a PATCH sets fields and never removes one, so this is how a template goes.
 */
export function mergeContent(content: ServiceContent, changes: Partial<ServiceContent>): ServiceContent {
  const merged = { ...content, ...changes };
  if (changes.type === 'MINI_PROGRAM_DEVELOPMENT' && changes.templateId === undefined) delete merged.templateId;
  return merged;
}
