import { DOMAIN_KINDS, DomainKind, Domains } from '@mpp/contracts';
import { AppError, FieldError } from '@mpp/platform';
import { isIP } from 'node:net';

export const MAX_DOMAINS_PER_KIND = 20;
export const MAX_BUSINESS_PARAMS = 50;
const PARAM_KEY = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
const PARAM_VALUE_MAX = 1000;
/** A DNS hostname: labels of letters, digits and hyphens, a dot-separated name with a top-level label of letters. */
const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** Socket domains are wss, the others https (DOMAIN.md 4). */
const SCHEME: Record<DomainKind, string> = { request: 'https:', upload: 'https:', download: 'https:', socket: 'wss:', webview: 'https:' };

/**
 * Server domains as the host apps allow them: `https://host` (`wss://host` for sockets), a real hostname, no IP
 * address, no wildcard (a wildcard would let any subdomain, including one an attacker registers on a shared
 * suffix, receive users' data), no path, no duplicates, at most 20 per kind. Returns them normalized (lower case).
 */
export function checkDomains(domains: Partial<Domains>): Domains {
  const errors: FieldError[] = [];
  const out = {} as Domains;
  for (const kind of DOMAIN_KINDS) {
    const list = domains[kind] ?? [];
    out[kind] = [];
    if (list.length > MAX_DOMAINS_PER_KIND) errors.push({ field: kind, message: `at most ${MAX_DOMAINS_PER_KIND} ${kind} domains` });
    for (const [i, entry] of list.entries()) {
      const problem = domainProblem(entry, SCHEME[kind]);
      if (problem) errors.push({ field: `${kind}.${i}`, message: problem });
      else out[kind].push(entry.toLowerCase());
    }
    if (new Set(out[kind]).size !== out[kind].length) errors.push({ field: kind, message: 'each domain once' });
  }
  if (errors.length) throw AppError.badInput('The domains are not valid.', errors);
  return out;
}

function domainProblem(entry: unknown, scheme: string): string | undefined {
  if (typeof entry !== 'string') return 'must be a string';
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return `must be ${scheme}//hostname`;
  }
  if (url.protocol !== scheme) return `must use ${scheme.replace(':', '')}`;
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '') || entry.endsWith('/')) return `must be ${scheme}//hostname, nothing after it`;
  const host = url.hostname;
  if (entry.includes('*')) return 'wildcards are not allowed: list each hostname';
  if (isIP(host.replace(/^\[|\]$/g, '')) !== 0) return 'IP addresses are not allowed: use a hostname';
  if (url.port) return 'the default port only';
  if (!HOSTNAME.test(host)) return 'is not a valid hostname';
  return undefined;
}

/** Business parameters: at most 50 keys (letter first, then letters, digits, _ . -), string values of at most 1,000 characters. */
export function checkBusinessParams(params: Record<string, unknown>): Record<string, string> {
  const errors: FieldError[] = [];
  const entries = Object.entries(params ?? {});
  if (entries.length > MAX_BUSINESS_PARAMS) errors.push({ field: 'params', message: `at most ${MAX_BUSINESS_PARAMS} parameters` });
  for (const [key, value] of entries) {
    if (!PARAM_KEY.test(key)) errors.push({ field: `params.${key}`, message: 'a key starts with a letter; then letters, digits, _ . - (64 at most)' });
    else if (typeof value !== 'string' || value.length > PARAM_VALUE_MAX) errors.push({ field: `params.${key}`, message: `must be text of at most ${PARAM_VALUE_MAX} characters` });
  }
  if (errors.length) throw AppError.badInput('The business parameters are not valid.', errors);
  return Object.fromEntries(entries) as Record<string, string>;
}
