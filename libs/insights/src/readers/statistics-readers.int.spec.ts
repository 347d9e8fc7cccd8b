import { MINI_PROGRAM_CREATED, MINI_PROGRAM_EDITED } from '@mpp/contracts';
import { SqlEventStore } from '@mpp/eventsourcing';
import { PgliteSqlClient } from '@mpp/eventsourcing/pglite';
import { createLogger } from '@mpp/platform';
import { RunningService, startService } from '@mpp/runtime';
import { authorizationEvent, eventually, grantAuthorizations, received, seedWorkspaces } from '@mpp/testing';
import { insightsService } from '../insights.service';
import { requireStatisticsReader } from './statistics-readers';

// Who reads a mini program's statistics, from the events insights receives from identity, miniprograms and ordering.

const actor = (accountId: string) => ({ accountId, platformRoles: [] });
const merchant = actor('merchant-owner');
const isv = actor('isv-dev');
const otherIsv = actor('other-dev');
const otherMerchant = actor('other-merchant');
/** A member of both ISVs: one holds STATISTICS, the other not. */
const bothIsvs = actor('both-dev');

describe('statistics readers (insights)', () => {
  const sql = new PgliteSqlClient();
  let service: RunningService;
  const outcome = (who: { accountId: string; platformRoles: string[] }, miniProgramId = 'mp-1') =>
    requireStatisticsReader(sql, miniProgramId, who).then(
      (found) => found.targetApps,
      (error: { code: string }) => error.code,
    );

  beforeAll(async () => {
    const store = await new SqlEventStore(sql).init();
    service = await startService(insightsService, { sql, store, logger: createLogger('insights-int', 'silent') });
    await seedWorkspaces(service, sql, [
      { workspaceId: 'm-1', type: 'MERCHANT', owner: merchant.accountId },
      { workspaceId: 'm-2', type: 'MERCHANT', owner: otherMerchant.accountId },
      { workspaceId: 'i-1', type: 'ISV', owner: isv.accountId, members: [{ accountId: bothIsvs.accountId, role: 'DEVELOPER' }] },
      { workspaceId: 'i-2', type: 'ISV', owner: otherIsv.accountId, members: [{ accountId: bothIsvs.accountId, role: 'DEVELOPER' }] },
    ]);
    await service.inbox.receive([
      received('miniprograms', MINI_PROGRAM_CREATED, 'MiniProgram-mp-1', { miniProgramId: 'mp-1', ownerWorkspaceId: 'm-1', name: 'Cafe', description: 'd', category: 'FOOD_AND_BEVERAGE', targetApps: ['GCASH'], at: new Date().toISOString() }),
    ]);
    await eventually(async () => ((await sql.query(`SELECT 1 FROM known_mini_programs WHERE mini_program_id = 'mp-1'`)).rows.length ? true : undefined), 10_000, 'the mini program known');
    await grantAuthorizations(service, sql, [
      { authorizationId: 'a-1', miniProgramId: 'mp-1', merchantWorkspaceId: 'm-1', isvWorkspaceId: 'i-1', scopes: ['UPLOAD', 'STATISTICS'] },
      { authorizationId: 'a-2', miniProgramId: 'mp-1', merchantWorkspaceId: 'm-1', isvWorkspaceId: 'i-2', scopes: ['UPLOAD'] },
    ]);
  });
  afterAll(async () => {
    await service.stop();
    await sql.close();
  });

  it('lets the merchant\'s members and an ISV holding STATISTICS read, refuses an ISV without it, and hides it from anyone else', async () => {
    expect(await outcome(merchant)).toEqual(['GCASH']);
    expect(await outcome(isv)).toEqual(['GCASH']);
    expect(await outcome(otherIsv)).toBe('SCOPE_NOT_GRANTED');
    expect(await outcome(bothIsvs)).toEqual(['GCASH']);
    expect(await outcome(otherMerchant)).toBe('MINI_PROGRAM_NOT_FOUND');
    expect(await outcome(merchant, 'mp-unknown')).toBe('MINI_PROGRAM_NOT_FOUND');
  });

  it('follows the target apps an edit changes, and an ISV\'s revoked authorization', async () => {
    await service.inbox.receive([
      received('miniprograms', MINI_PROGRAM_EDITED, 'MiniProgram-mp-1', { miniProgramId: 'mp-1', targetApps: ['GCASH', 'DANA'], at: new Date().toISOString() }),
      authorizationEvent('AuthorizationRevoked', { authorizationId: 'a-1', miniProgramId: 'mp-1', merchantWorkspaceId: 'm-1', isvWorkspaceId: 'i-1', scopes: ['UPLOAD', 'STATISTICS'], status: 'REVOKED' }),
    ]);
    await eventually(async () => ((await outcome(isv)) === 'MINI_PROGRAM_NOT_FOUND' ? true : undefined), 10_000, 'the revoke applied');
    await eventually(async () => ((await outcome(merchant)).length === 2 ? true : undefined), 10_000, 'the edit applied');
    expect(await outcome(merchant)).toEqual(['GCASH', 'DANA']);
  });
});
