// The platform's fixed lists (GET /v1/industries, GET /v1/host-apps). Ids are stable; names are for display.

export const INDUSTRIES = [
  { id: 'RETAIL', name: 'Retail' },
  { id: 'FOOD_AND_BEVERAGE', name: 'Food & beverage' },
  { id: 'TRAVEL', name: 'Travel' },
  { id: 'TRANSPORT', name: 'Transport' },
  { id: 'FINANCE', name: 'Finance' },
  { id: 'EDUCATION', name: 'Education' },
  { id: 'HEALTHCARE', name: 'Healthcare' },
  { id: 'ENTERTAINMENT', name: 'Entertainment' },
  { id: 'GOVERNMENT', name: 'Government & public services' },
  { id: 'OTHER', name: 'Other' },
] as const;

export const HOST_APPS = [
  { id: 'ALIPAY_CN', name: 'Alipay' },
  { id: 'GCASH', name: 'GCash' },
  { id: 'DANA', name: 'DANA' },
  { id: 'TNG_EWALLET', name: "Touch 'n Go eWallet" },
  { id: 'TRUEMONEY', name: 'TrueMoney' },
  { id: 'KAKAOPAY', name: 'KakaoPay' },
  { id: 'EASYPAISA', name: 'easypaisa' },
] as const;

/** The ids alone, what requests name and every context checks them against. */
export const INDUSTRY_IDS: readonly string[] = INDUSTRIES.map((industry) => industry.id);
export const HOST_APP_IDS: readonly string[] = HOST_APPS.map((app) => app.id);

export type IndustryId = (typeof INDUSTRIES)[number]['id'];
export type HostAppId = (typeof HOST_APPS)[number]['id'];

/** ISO 4217 codes accepted for FIXED prices. */
export const CURRENCIES = ['USD', 'EUR', 'GBP', 'CNY', 'HKD', 'SGD', 'MYR', 'IDR', 'PHP', 'THB', 'KRW', 'JPY', 'PKR', 'VND', 'INR', 'AUD'] as const;
