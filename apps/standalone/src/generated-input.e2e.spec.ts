import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signAccessToken } from '@mpp/platform';
import {
  ApiClient, BadRequest, badRequests, defectsOf, describeRequest, diffStates, Findings, freePort, judge, OpenApiDocument, Operation, operationName, operationsOf, readable, readableState, readsOf,
  SeededWorld, seedWorld, send, settledState, StandaloneProcess, startStandaloneProcess, StateWatch, toHttpRequest,
} from '@mpp/testing';

// DOMAIN.md, "Rules that hold everywhere": bad input gets a problem+json with a stable code, never a 5xx, and
// changes nothing. Requests are generated from the OpenAPI document the gateway serves, each broken in one way.
// Run: npm run build && NODE_OPTIONS=--experimental-vm-modules npx jest apps/standalone/src/generated-input.e2e.spec.ts --selectProjects e2e
const SEED = Number(process.env.FUZZ_SEED ?? 424242);
const DEFAULT_RUNS = 4000;
const RUNS = Number(process.env.FUZZ_RUNS ?? DEFAULT_RUNS);
/** Replays one request of the seed's run (the `run` a finding names). */
const REPLAY = process.env.FUZZ_PATH;
/** Only the operations whose `METHOD /path/template` matches, e.g. FUZZ_ONLY='/versions$' (another sequence than the full run's). */
const ONLY = process.env.FUZZ_ONLY ? new RegExp(process.env.FUZZ_ONLY) : undefined;
/** A reading of the readable state after this many requests, besides one after the first accepted write of each kind. */
const READ_EVERY = 1000;
const JWT_SECRET = 'generated-input-e2e-secret-of-sufficient-length';

describe('generated bad input, every operation of the OpenAPI document', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mpp-generated-input-'));
  let standalone: StandaloneProcess;
  let ops: Operation[];
  let world: SeededWorld;

  beforeAll(async () => {
    standalone = await startStandaloneProcess({ DATA_DIR: dataDir, PORT: await freePort(), JWT_SECRET, PLATFORM_BOOTSTRAP_REVIEWER: 'reviewer@mpp.local:review123' });
    const api = new ApiClient(standalone.baseUrl);
    // The document itself is not one of its operations.
    ops = operationsOf((await api.unchecked.get<OpenApiDocument>('/docs/openapi.json')).body);
    const readMail = async (to: string) => (await api.get<{ items: { subject: string; text: string }[] }>(`/v1/dev/mailbox?to=${encodeURIComponent(to)}`)).body.items;
    const reviewer = await api.post<{ accessToken: string }>('/v1/sessions', { login: 'reviewer@mpp.local', password: 'review123' });
    const operator = await signAccessToken(JWT_SECRET, { accountId: 'fuzz-operator', roles: ['OPERATOR'], expiresInSeconds: 3600 });
    world = await seedWorld(api, readMail, { reviewer: reviewer.body.accessToken, operator });
  }, 300_000);

  afterAll(async () => {
    await standalone?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers every bad request with a 4xx problem+json, accepts none and changes no readable state', async () => {
    const started = Date.now();
    const byName = new Map(ops.map((op) => [operationName(op), op]));
    const findings = new Findings();
    const reads = readsOf(ops, world);
    const before = await settledState(() => readableState(standalone.baseUrl, reads, world));
    // Between requests only what the actors could read before is re-read; the rest once, at the end.
    const seen = readable(before, reads);
    const watch = new StateWatch(before, () => readableState(standalone.baseUrl, seen, world), findings.stateChanges);
    const sent = new Map<string, number>();
    const classes = new Map<string, number>();
    let run = 0;

    const property = fc.asyncProperty(badRequests(ONLY ? ops.filter((op) => ONLY.test(operationName(op))) : ops), async (request: BadRequest) => {
      const index = REPLAY !== undefined ? Number(REPLAY) : run++;
      const op = byName.get(request.op) as Operation;
      const http = toHttpRequest(op, request, world, index);
      const answer = await send(standalone.baseUrl, http);
      sent.set(request.op, (sent.get(request.op) ?? 0) + 1);
      classes.set(request.defect.cls, (classes.get(request.defect.cls) ?? 0) + 1);
      if (process.env.FUZZ_VERBOSE) process.stdout.write(`run ${index} → ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}\n  ${describeRequest(request, http)}\n`);
      const kind = judge(request.defect, answer);
      const first = kind !== undefined && findings.add(kind, index, request, http, answer);
      const write = op.method !== 'GET' && (answer.status < 400 || answer.status >= 500);
      if (write) watch.suspect(`run ${index} ${request.op} ${request.defect.cls} → ${answer.status}`, answer.status < 400);
      // Read right after the first acceptance of each kind, to name its change; other writes wait for the next reading.
      if ((first && write && kind === 'accepted') || index % READ_EVERY === READ_EVERY - 1) await watch.check();
      // Nothing more can be learnt once the process is gone: stop here and report.
      if (standalone.child.exitCode !== null || standalone.child.signalCode !== null) throw new Error(`the standalone exited at run ${index}:\n${standalone.output().slice(-3000)}`);
      return true;
    });
    const details = await fc.check(property, { seed: SEED, numRuns: REPLAY === undefined ? RUNS : 1, path: REPLAY, endOnFailure: true });
    const after = await settledState(() => readableState(standalone.baseUrl, reads, world));
    watch.finish(before, after);

    const requests = [...sent.values()].reduce((a, b) => a + b, 0);
    const untouched = ops.filter((op) => defectsOf(op).length > 0 && !sent.has(operationName(op))).map(operationName);
    const header = [
      `Generated bad input: seed ${SEED}, ${requests} requests to ${sent.size} of ${ops.length} operations in ${Math.round((Date.now() - started) / 1000)} s (${Math.round(watch.readingMs / 1000)} s of it in ${watch.readings} readings of the state).`,
      `Replay one request: FUZZ_SEED=${SEED} FUZZ_PATH=<run>. Classes sent: ${[...classes].map(([c, n]) => `${c} ${n}`).join(', ')}.`,
      `No input to break: ${ops.filter((op) => defectsOf(op).length === 0).map(operationName).join(', ') || 'none'}.`,
      ...(untouched.length && REPLAY === undefined ? [`Never reached (raise FUZZ_RUNS): ${untouched.join(', ')}.`] : []),
      ...(details.failed ? [`fast-check stopped: ${details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)}`] : []),
      `Readable state: ${reads.length} reads (${seen.length} of them 2xx, re-read between requests), ${diffStates(before, after).length} differ from before the run.`,
    ].join('\n');
    process.stdout.write(`${header}\n`);
    // The whole report as a file too, e.g. for a CI artifact.
    if (process.env.FUZZ_REPORT) writeFileSync(process.env.FUZZ_REPORT, `${findings.summary(header)}\n`);
    if (findings.size || details.failed || (untouched.length && RUNS >= DEFAULT_RUNS && REPLAY === undefined)) throw new Error(findings.summary(header));
  }, 900_000);
});
