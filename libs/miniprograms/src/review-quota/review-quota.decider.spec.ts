import { fold } from '@mpp/eventsourcing';
import { deciderSpecification, SPEC_NOW } from '@mpp/eventsourcing/testing';
import {
  DEFAULT_REVIEW_QUOTA,
  EXPEDITE_USED,
  EXPEDITES_PER_MONTH,
  monthOf,
  REVIEW_QUOTA_LIMIT_SET,
  REVIEW_UNIT_USED,
  ReviewQuotaEvent,
  reviewQuotaDecider,
  reviewQuotaLimitDecider,
} from './review-quota.decider';

const operator = { accountId: 'op-1', platformRoles: ['OPERATOR'] };
const reviewer = { accountId: 'rev-1', platformRoles: ['REVIEWER'] };
const at = SPEC_NOW.toISOString();
const use = { workspaceId: 'i-1', month: '2026-11', miniProgramId: 'mp-1', version: '1.0.0' };
const unit = (version: string): ReviewQuotaEvent => ({ type: REVIEW_UNIT_USED, data: { ...use, version, at } });
const expedite = (version: string): ReviewQuotaEvent => ({ type: EXPEDITE_USED, data: { ...use, version, at } });

describe('review quota limit decider', () => {
  const spec = deciderSpecification(reviewQuotaLimitDecider, { actor: operator });

  it('is 100 a month until an operator sets another, which holds from then on', () => {
    expect(reviewQuotaLimitDecider.initialState()).toEqual({ limit: DEFAULT_REVIEW_QUOTA });
    const set = spec.given().when({ type: 'SetReviewQuotaLimit', workspaceId: 'i-1', limit: 2 });
    set.then([{ type: REVIEW_QUOTA_LIMIT_SET, data: { workspaceId: 'i-1', limit: 2, at } }]);
    expect(fold(reviewQuotaLimitDecider, set.events())).toEqual({ limit: 2 });
  });

  it('records nothing when the limit is already the one set', () => {
    spec.given().when({ type: 'SetReviewQuotaLimit', workspaceId: 'i-1', limit: 100 }).then([]);
  });

  it('refuses anyone but a platform operator (reviewers included)', () => {
    spec.given().when({ type: 'SetReviewQuotaLimit', workspaceId: 'i-1', limit: 5 }, { actor: reviewer }).thenRefuses('FORBIDDEN_ROLE', 'forbidden');
    spec.given().when({ type: 'SetReviewQuotaLimit', workspaceId: 'i-1', limit: 5 }, { actor: undefined }).thenRefuses('FORBIDDEN_ROLE', 'forbidden');
  });

  it.each([-1, 1.5, 100_001, Number.NaN])('refuses a limit of %p as bad input', (limit) => {
    spec.given().when({ type: 'SetReviewQuotaLimit', workspaceId: 'i-1', limit }).thenRefuses('VALIDATION_FAILED', 'bad_input');
  });

  it('takes 0 (no submissions) and 100000', () => {
    for (const limit of [0, 100_000]) spec.given().when({ type: 'SetReviewQuotaLimit', workspaceId: 'i-1', limit }).then([{ type: REVIEW_QUOTA_LIMIT_SET, data: { workspaceId: 'i-1', limit, at } }]);
  });
});

describe('review quota decider (one workspace, one month)', () => {
  const spec = deciderSpecification(reviewQuotaDecider);

  it('gives a unit to each submission while fewer than the limit are used', () => {
    spec.given().when({ type: 'UseReviewUnit', limit: 2, ...use }).then([unit('1.0.0')]);
    spec.given(unit('1.0.0')).when({ type: 'UseReviewUnit', limit: 2, ...use, version: '1.0.1' }).then([unit('1.0.1')]);
  });

  it('refuses the submission past the limit with 429 REVIEW_QUOTA_EXHAUSTED', () => {
    spec.given(unit('1.0.0'), unit('1.0.1')).when({ type: 'UseReviewUnit', limit: 2, ...use }).thenRefuses('REVIEW_QUOTA_EXHAUSTED', 'rate_limited');
    spec.given().when({ type: 'UseReviewUnit', limit: 0, ...use }).thenRefuses('REVIEW_QUOTA_EXHAUSTED', 'rate_limited');
  });

  it('counts a lowered limit against the units already used', () => {
    spec.given(unit('1.0.0'), unit('1.0.1'), unit('1.0.2')).when({ type: 'UseReviewUnit', limit: 2, ...use }).thenRefuses('REVIEW_QUOTA_EXHAUSTED', 'rate_limited');
    spec.given(unit('1.0.0'), unit('1.0.1'), unit('1.0.2')).when({ type: 'UseReviewUnit', limit: 4, ...use }).then([unit('1.0.0')]);
  });

  it(`gives ${EXPEDITES_PER_MONTH} expedites a month, apart from the submissions; a 4th is 429 EXPEDITE_QUOTA_EXHAUSTED`, () => {
    const three = [expedite('1'), expedite('2'), expedite('3')];
    spec.given(unit('1.0.0')).when({ type: 'UseExpedite', ...use }).then([expedite('1.0.0')]);
    spec.given(three).when({ type: 'UseExpedite', ...use }).thenRefuses('EXPEDITE_QUOTA_EXHAUSTED', 'rate_limited');
    // Expedites do not use submissions' units.
    spec.given(three).when({ type: 'UseReviewUnit', limit: 1, ...use }).then([unit('1.0.0')]);
    expect(fold(reviewQuotaDecider, [...three, unit('1.0.0')])).toEqual({ used: 1, expediteUsed: 3 });
  });

  it('names calendar months in UTC', () => {
    expect(monthOf(new Date('2026-11-30T23:59:59.999Z'))).toBe('2026-11');
    expect(monthOf(new Date('2026-12-01T00:00:00.000Z'))).toBe('2026-12');
  });
});
