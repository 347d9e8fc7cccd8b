import { Slots } from './slots';

// A bound on work under way at once (batch job items, password hashes): never more than its size, the rest in order.
describe('Slots', () => {
  const gate = () => {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { opened, open };
  };

  it('runs at most `size` tasks at once and starts the waiting ones in the order they came, as slots free', async () => {
    const slots = new Slots(2);
    const gates = Array.from({ length: 5 }, gate);
    const started: number[] = [];
    let running = 0;
    let most = 0;
    const done = gates.map((g, n) =>
      slots.run(async () => {
        started.push(n);
        most = Math.max(most, ++running);
        await g.opened;
        running--;
        return n * 10;
      }),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1]);
    gates[1].open();
    await done[1];
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1, 2]);
    for (const g of gates) g.open();
    expect(await Promise.all(done)).toEqual([0, 10, 20, 30, 40]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
  });

  it('frees its slot when a task fails, and passes the failure on', async () => {
    const slots = new Slots(1);
    await expect(slots.run(async () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(await slots.run(async () => 'next')).toBe('next');
  });
});
