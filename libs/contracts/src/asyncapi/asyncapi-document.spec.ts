import { Parser } from '@asyncapi/parser';
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { SERVICES } from '../messaging/topics';
import { buildAsyncApiDocument } from './asyncapi-document';

const CONTRACTS = path.resolve(__dirname, '..');
const ROOT = path.resolve(CONTRACTS, '../../..');
const ERROR = 0; // @asyncapi/parser's DiagnosticSeverity.Error

type Document = { channels: Record<string, { messages: Record<string, unknown> }>; components: { messages: Record<string, { payload: { allOf: { properties?: { data?: unknown } }[] } }> } };
const document = () => buildAsyncApiDocument('0.0.1-test') as unknown as Document;

/** Every event type the contracts' *.events.ts files export as a constant: read from the modules, not from a list. */
async function exportedEventTypes(): Promise<string[]> {
  const eventType = new RegExp(`^(${SERVICES.join('|')})\\.[A-Z]\\w*$`);
  const files = readdirSync(CONTRACTS, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.events.ts'));
  const types = new Set<string>();
  for (const file of files) {
    const exported: Record<string, unknown> = await import(path.join(CONTRACTS, file));
    for (const value of Object.values(exported)) if (typeof value === 'string' && eventType.test(value)) types.add(value);
  }
  return [...types];
}

describe('AsyncAPI document', () => {
  it('is a valid AsyncAPI 3.0.0 document', async () => {
    const diagnostics = await new Parser().validate(JSON.stringify(document()));

    const errors = diagnostics.filter((d) => d.severity === ERROR).map((d) => `${d.path.join('/')}: ${d.message}`);
    expect(errors).toEqual([]);
  });

  it("has a message on its service's events channel for every public event type in the contracts", async () => {
    const types = await exportedEventTypes();
    const { channels } = document();

    expect(types.length).toBeGreaterThan(30);
    // An event type declared without being added to its service's *_PUBLIC_EVENTS (and to EventMap) shows here.
    const missing = types.filter((type) => !(type in (channels[`${type.split('.')[0]}.events`]?.messages ?? {})));
    expect(missing).toEqual([]);
  });

  it("describes an event's data with the schema generated from its payload type", () => {
    const [, extension] = document().components.messages['ordering.OrderPlaced'].payload.allOf;

    expect(extension.properties?.data).toEqual({ $ref: '#/components/schemas/OrderPlacedV2' });
  });

  it('carries the schemas the generator makes from the contracts as they are now', async () => {
    // Without jest's NODE_OPTIONS, whose warnings would mix into the generator's message.
    const check = promisify(execFile)(process.execPath, ['tools/generate-asyncapi-schemas.mjs', '--check'], { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '' } });

    // The generator's stderr says what to do: run `npm run generate:asyncapi`.
    await expect(check.then(() => '', (error: { stderr: string }) => error.stderr)).resolves.toBe('');
  }, 60_000);
});
