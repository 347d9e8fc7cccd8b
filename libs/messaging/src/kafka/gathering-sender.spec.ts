import { Producer, ProducerBatch } from 'kafkajs';
import { GatheringSender } from './gathering-sender';

/** Only sendBatch is used; it records each produce request and fails when told to. */
function recordingProducer(fail = false) {
  const batches: ProducerBatch[] = [];
  const producer = {
    sendBatch: async (batch: ProducerBatch) => {
      batches.push(batch);
      if (fail) throw new Error('broker gone');
      return [];
    },
  } as unknown as Producer;
  return { producer, batches };
}

describe('GatheringSender', () => {
  it('sends the messages of one turn of the event loop in one produce request, grouped by topic, in order', async () => {
    const { producer, batches } = recordingProducer();
    const sender = new GatheringSender(producer);

    await Promise.all([sender.send('a', { value: '1' }), sender.send('b', { value: '2' }), sender.send('a', { value: '3' })]);
    await sender.send('a', { value: '4' });

    expect(batches).toEqual([
      { topicMessages: [{ topic: 'a', messages: [{ value: '1' }, { value: '3' }] }, { topic: 'b', messages: [{ value: '2' }] }] },
      { topicMessages: [{ topic: 'a', messages: [{ value: '4' }] }] },
    ]);
  });

  it('rejects every message of a produce request that failed', async () => {
    const { producer } = recordingProducer(true);
    const sender = new GatheringSender(producer);

    const results = await Promise.allSettled([sender.send('a', { value: '1' }), sender.send('a', { value: '2' })]);

    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});

describe('GatheringSender with large messages', () => {
  it('starts a new produce request before 1 MB of values, so replies carrying logos cannot exceed the broker limit together', async () => {
    const { producer, batches } = recordingProducer();
    const sender = new GatheringSender(producer);
    const big = 'x'.repeat(700 * 1024);

    await Promise.all([sender.send('r', { value: 'a' }), sender.send('r', { value: big }), sender.send('r', { value: big }), sender.send('r', { value: 'b' })]);

    const sizes = batches.map((b) => b.topicMessages!.flatMap((t) => t.messages).map((m) => String(m.value).length));
    expect(sizes).toEqual([[1, 700 * 1024], [700 * 1024, 1]]);
  });
});
