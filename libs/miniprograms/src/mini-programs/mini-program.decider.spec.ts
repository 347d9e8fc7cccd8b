import { MINI_PROGRAM_CREATED } from '@mpp/contracts';
import { fold } from '@mpp/eventsourcing';
import { MiniProgramCommand, miniProgramDecider } from './mini-program.decider';

const now = new Date('2026-11-01T10:00:00.000Z');
const content = { name: ' Bean Counter ', description: 'Order ahead.', category: 'FOOD_AND_BEVERAGE', targetApps: ['GCASH'] };
const create = (overrides: Partial<typeof content> = {}): MiniProgramCommand => ({ type: 'CreateMiniProgram', miniProgramId: 'mp-1', ownerWorkspaceId: 'm-1', content: { ...content, ...overrides } });

describe('mini program decider', () => {
  it('creates a DEVELOPING mini program owned by the merchant workspace, nothing released yet', () => {
    const events = miniProgramDecider.decide(create(), miniProgramDecider.initialState(), { now, newId: () => 'x' });
    expect(events).toEqual([{ type: MINI_PROGRAM_CREATED, data: { miniProgramId: 'mp-1', ownerWorkspaceId: 'm-1', name: 'Bean Counter', description: 'Order ahead.', category: 'FOOD_AND_BEVERAGE', targetApps: ['GCASH'], at: now.toISOString() } }]);
    expect(fold(miniProgramDecider, events)).toMatchObject({ status: 'DEVELOPING', onlineVersion: null, trialVersion: null, ownerWorkspaceId: 'm-1' });
    expect(() => miniProgramDecider.decide(create(), fold(miniProgramDecider, events), { now, newId: () => 'x' })).toThrow(expect.objectContaining({ code: 'MINI_PROGRAM_EXISTS' }));
  });

  it('names every bad field at once', () => {
    expect(() => miniProgramDecider.decide(create({ name: '  ', category: 'SPACE', targetApps: ['GCASH', 'GCASH'] }), miniProgramDecider.initialState(), { now, newId: () => 'x' })).toThrow(
      expect.objectContaining({ category: 'bad_input', errors: [expect.objectContaining({ field: 'name' }), expect.objectContaining({ field: 'category' }), expect.objectContaining({ field: 'targetApps' })] }),
    );
  });
});
