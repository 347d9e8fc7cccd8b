import { Actor, Decider, DomainEvent, SampleStep, sampleLog } from '@mpp/eventsourcing';
import { miniProgramDecider, miniProgramStreamId } from './mini-programs/mini-program.decider';
import { templateDecider, templateStreamId } from './templates/template.decider';
import { batchJobDecider, batchJobStreamId } from './batch-jobs/batch-job.decider';

const merchant: Actor = { accountId: 'sample-merchant-owner' };
const isv: Actor = { accountId: 'sample-isv-developer' };
const reviewer: Actor = { accountId: 'sample-reviewer', platformRoles: ['REVIEWER'] };
const APPS = ['ALIPAY_CN', 'GCASH', 'DANA'];
const EXT_SCHEMA = { type: 'object', properties: { shopName: { type: 'string', maxLength: 40 }, color: { type: 'string' } }, required: ['shopName'] };

/**
 * miniprograms' log as its users make it, through its real deciders (for benches and specs of its projections): mini
 * programs created by 500 merchants, given members, domains and business parameters, then versions uploaded (one in
 * five applied from an ISV's template, storing its ext config), submitted, sometimes rejected and submitted again,
 * approved and released (some through gray first); one story in forty is an ISV's template with its versions
 * published. About 20 events per mini program; `concurrent` stories in progress at a time.
 */
export function sampleMiniprogramsHistory(options: { events: number; seed: number; concurrent?: number; start?: Date }) {
  return sampleLog((n, random) => (n % 40 === 39 ? templateStory(n, options.seed) : miniProgramStory(n, options.seed, random)), { ...options, concurrent: options.concurrent ?? 2000 });
}

const sha = (n: number, v: number) => (n * 1000 + v).toString(16).padStart(64, '0');

function templateStory(n: number, seed: number): SampleStep[] {
  const templateId = `tpl-${n % 400}`;
  const step = (command: unknown): SampleStep => ({ streamId: templateStreamId(templateId), decider: templateDecider as Decider<unknown, unknown, DomainEvent>, command, actor: isv });
  const content = { name: `Shop template ${n}`, description: 'A shop in minutes', category: 'RETAIL', targetApps: APPS.slice(0, 1 + (n % 3)), extSchema: EXT_SCHEMA };
  // A template's later stories (same id, seed apart) add versions: a refused command is left out.
  const version = `1.${Math.floor(n / 400)}.${seed % 10}`;
  return [
    step({ type: 'CreateTemplate', templateId, isvWorkspaceId: `i-${n % 80}`, content }),
    step({ type: 'UploadTemplateVersion', version, description: 'Faster checkout', package: { sha256: sha(n, 0), size: 180_000 } }),
    step({ type: 'PublishTemplateVersion', version }),
  ];
}

function miniProgramStory(n: number, seed: number, random: () => number): SampleStep[] {
  const miniProgramId = `mp-${seed}-${n}`;
  const step = (command: unknown, actor: Actor = merchant): SampleStep => ({
    streamId: miniProgramStreamId(miniProgramId),
    decider: miniProgramDecider as Decider<unknown, unknown, DomainEvent>,
    command,
    actor,
  });
  const content = { name: `Coffee corner ${n}`, description: 'Order ahead and skip the queue', category: 'FOOD_AND_BEVERAGE', targetApps: APPS.slice(0, 1 + (n % 3)) };
  const steps = [
    step({ type: 'CreateMiniProgram', miniProgramId, ownerWorkspaceId: `m-${n % 500}`, content }),
    step({ type: 'AddMember', accountId: `dev-${n % 900}`, role: 'DEVELOPER' }),
    step({ type: 'AddMember', accountId: `tester-${n % 700}`, role: 'TESTER' }),
    step({ type: 'SetDomains', domains: { request: [`https://api${n % 50}.example.com`], upload: [], download: [], socket: [], webview: [] } }),
    step({ type: 'SetBusinessParams', params: { region: 'APAC', tier: n % 2 ? 'gold' : 'silver' } }),
  ];
  const fromTemplate = random() < 0.2;
  const versions = 1 + Math.floor(random() * 4);
  for (let v = 1; v <= versions; v++) {
    const version = `1.${v}.0`;
    const template = fromTemplate ? { templateId: `tpl-${n % 400}`, templateVersion: '1.0.0', extConfig: { shopName: `Shop ${n}`, color: 'teal' } } : undefined;
    steps.push(step({ type: 'UploadVersion', version, description: `Release ${v}`, package: { sha256: sha(n, v), size: 250_000 + v }, template, storesExtConfig: v === 1 && fromTemplate }, isv));
    steps.push(step({ type: 'SubmitVersion', version, releaseMode: 'MANUAL', note: v === 1 ? 'First release' : undefined }, isv));
    if (random() < 0.15) steps.push(step({ type: 'RejectVersion', version, reason: 'The privacy policy link is broken' }, reviewer), step({ type: 'SubmitVersion', version, releaseMode: 'MANUAL' }, isv));
    steps.push(step({ type: 'ApproveVersion', version }, reviewer));
    if (random() < 0.2) steps.push(step({ type: 'ReleaseVersion', version, grayPercent: 10 }), step({ type: 'ReleaseVersion', version }));
    else steps.push(step({ type: 'ReleaseVersion', version }));
  }
  if (random() < 0.05) steps.push(step({ type: 'TakeOffline' }));
  return steps;
}

/**
 * Batch jobs as runners drive them, through the job's real decider (for specs of its projection): each job started
 * over 3 to 12 mini programs, its items taken up a few at a time and their outcomes recorded (one in four failing,
 * so some jobs pause on the failure ratio), members pausing, resuming, retrying the failed items and canceling now
 * and then; `concurrent` jobs in progress at a time.
 */
export function sampleBatchJobsHistory(options: { events: number; seed: number; concurrent?: number }) {
  return sampleLog((n, random) => batchJobStory(n, options.seed, random), { ...options, concurrent: options.concurrent ?? 20 });
}

function batchJobStory(n: number, seed: number, random: () => number): SampleStep[] {
  const jobId = `job-${seed}-${n}`;
  const step = (command: unknown): SampleStep => ({ streamId: batchJobStreamId(jobId), decider: batchJobDecider as Decider<unknown, unknown, DomainEvent>, command, actor: isv });
  const size = 3 + Math.floor(random() * 10);
  const steps = [
    step({
      type: 'StartBatchJob', jobId, isvWorkspaceId: `i-${n % 80}`, kind: 'RELEASE', params: { version: '1.0.0' },
      options: { concurrency: 1 + (n % 4), maxFailureRatio: 0.5 }, miniProgramIds: Array.from({ length: size }, (_, i) => `mp-${seed}-${n}-${i}`), createdBy: isv.accountId,
    }),
  ];
  const outcome = () => (random() < 0.25 ? { ok: false, code: 'VERSION_NOT_APPROVED', message: 'version 1.0.0 is not approved' } : { ok: true });
  for (let attempt = 1; attempt <= 2; attempt++) {
    for (let index = 0; index < size; index++) {
      // The runner's steps: outcomes of earlier items with the next taken up; a command the job refuses is left out.
      steps.push(step({ type: 'Advance', outcomes: index ? [{ index: index - 1, attempt, outcome: outcome() }] : [], start: 1 }));
      const by = `dev-${n % 9}`;
      if (random() < 0.05) steps.push(step({ type: 'PauseBatchJob', by }), step({ type: 'ResumeBatchJob', by }));
      if (random() < 0.01) steps.push(step({ type: 'CancelBatchJob', by }));
    }
    steps.push(step({ type: 'Advance', outcomes: [{ index: size - 1, attempt, outcome: outcome() }], start: 0 }));
    steps.push(step({ type: 'RetryFailedBatchItems', by: `dev-${n % 9}` }));
  }
  return steps;
}
