import { ServiceContent } from '@mpp/contracts';

/** Valid content of a service, for the unit tests. */
export const serviceContent: ServiceContent = {
  name: 'Mini program build',
  industry: 'RETAIL',
  type: 'MINI_PROGRAM_DEVELOPMENT',
  description: 'We build your mini program.',
  images: ['https://img.example/1.png'],
  applicableApps: ['GCASH'],
  payment: { model: 'FIXED', amount: 5000, currency: 'USD' },
};
