import { rmSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { SingleBar, Presets } from 'cli-progress';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { Schema } from '@mpp/client';
import { packageOf } from './package-zip';
import { PlatformClient, PlatformError } from './platform-client';

// `mpp`: the developer CLI of DOMAIN.md 7 (like WeChat's miniprogram-ci): sign in, upload a folder or a zip as a
// version, submit, release, run and follow a batch job, tail a workspace's event feed. commander parses the command
// line, cli-progress draws the bars (on a terminal only), yazl zips a folder.

const out = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const list = (value: string) => value.split(',').map((v) => v.trim()).filter(Boolean);
const positive = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a whole number of 1 or more');
  return n;
};
const client = (options: { url?: string }) => PlatformClient.fromStore(options.url);
/** A share of users a version is released to first, as the contract lists them; the CLI sends any number and the platform answers. */
type GrayPercent = NonNullable<Schema<'ReleaseVersionRequest'>['grayPercent']>;
type BatchJobRequest = Schema<'StartBatchJobRequest'>;
const bar = (format: string) => new SingleBar({ format, hideCursor: true, clearOnComplete: false }, Presets.shades_classic);

async function password(given?: string): Promise<string> {
  if (given ?? process.env.MPP_PASSWORD) return (given ?? process.env.MPP_PASSWORD) as string;
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await prompt.question('Password: ');
  } finally {
    prompt.close();
  }
}

export function program(): Command {
  const cli = new Command('mpp').description('Mini Program Platform developer CLI').showHelpAfterError();
  const url = new Option('--url <url>', 'the platform (default: MPP_URL, else the one you signed in to, else http://localhost:3000)');

  cli
    .command('login')
    .description('sign in and keep the session for the other commands (MPP_CONFIG_DIR, default ~/.config/mpp)')
    .requiredOption('--login <login>', 'your username or email')
    .option('--password <password>', 'default: MPP_PASSWORD, else asked (a flag shows in the process list: prefer those)')
    .addOption(url)
    .action(async (o: { login: string; password?: string; url?: string }) => {
      const platform = client(o);
      await platform.login(o.login, await password(o.password));
      out(`signed in to ${platform.url} as ${o.login}`);
    });

  cli
    .command('upload <source>')
    .description('upload a folder (zipped on the fly) or a zip as a new version')
    .requiredOption('--mini-program <id>', 'the mini program')
    .requiredOption('--version <version>', 'a semantic version greater than every released one')
    .option('--description <text>', 'what changed', 'Uploaded with mpp')
    .option('--key <uploadKey>', 'an upload key instead of your session (default: MPP_UPLOAD_KEY)')
    .addOption(url)
    .action(async (source: string, o: { miniProgram: string; version: string; description: string; key?: string; url?: string }) => {
      const pkg = await packageOf(source);
      const progress = bar('uploading [{bar}] {percentage}% {value}/{total} bytes');
      progress.start(pkg.size, 0);
      try {
        const version = await client(o).uploadVersion(o.miniProgram, { version: o.version, description: o.description }, pkg, (n) => progress.increment(n), o.key ?? process.env.MPP_UPLOAD_KEY);
        progress.stop();
        out(`uploaded ${version.version} (${pkg.size} bytes): ${version.status}`);
        out(`sha256 ${pkg.sha256}`);
      } finally {
        progress.stop();
        if (pkg.made) rmSync(pkg.file, { force: true });
      }
    });

  cli
    .command('submit')
    .description('submit a version for review')
    .requiredOption('--mini-program <id>', 'the mini program')
    .requiredOption('--version <version>', 'the version')
    .addOption(new Option('--release-mode <mode>', 'AUTO releases it once approved').choices(['MANUAL', 'AUTO']).default('MANUAL'))
    .option('--note <text>', 'a note for the reviewer')
    .addOption(url)
    .action(async (o: { miniProgram: string; version: string; releaseMode: 'MANUAL' | 'AUTO'; note?: string; url?: string }) => {
      const version = await client(o).call((api) =>
        api.POST('/v1/mini-programs/{id}/versions/{version}/submit', { params: { path: { id: o.miniProgram, version: o.version } }, body: { releaseMode: o.releaseMode, ...(o.note ? { note: o.note } : {}) } }),
      );
      out(`${version.version}: ${version.status}`);
    });

  cli
    .command('release')
    .description('release an approved version, to everyone or to a share of users')
    .requiredOption('--mini-program <id>', 'the mini program')
    .requiredOption('--version <version>', 'the version')
    .option('--gray <percent>', 'release to this share of users first', positive)
    .addOption(url)
    .action(async (o: { miniProgram: string; version: string; gray?: number; url?: string }) => {
      const body = o.gray ? { grayPercent: o.gray as GrayPercent } : {};
      const version = await client(o).call((api) => api.POST('/v1/mini-programs/{id}/versions/{version}/release', { params: { path: { id: o.miniProgram, version: o.version } }, body }));
      out(`${version.version}: ${version.status}${o.gray ? ` (${o.gray} %)` : ''}`);
    });

  const batch = cli.command('batch').description('batch jobs across many mini programs');
  const getJob = (platform: PlatformClient, jobId: string) => platform.call((api) => api.GET('/v1/batch-jobs/{id}', { params: { path: { id: jobId } } }));
  const watch = async (platform: PlatformClient, jobId: string, intervalMs: number): Promise<Schema<'BatchJobResponse'>> => {
    let job = await getJob(platform, jobId);
    const progress = bar(`${job.kind} [{bar}] {value}/{total} items, {failed} failed`);
    progress.start(job.total, 0, { failed: 0 });
    try {
      for (;;) {
        const { succeeded, failed, skipped } = job.counts;
        progress.update(succeeded + failed + skipped, { failed });
        if (job.status !== 'RUNNING') return job;
        await sleep(intervalMs);
        job = await getJob(platform, jobId);
      }
    } finally {
      progress.stop();
    }
  };
  const report = (job: Schema<'BatchJobResponse'>) => {
    out(`${job.jobId}: ${job.status} ${JSON.stringify(job.counts)}`);
    if (job.status !== 'COMPLETED') process.exitCode = 1;
  };
  batch
    .command('start')
    .description('start a job (then follow it with --watch, or mpp batch watch <jobId>)')
    .requiredOption('--workspace <id>', 'the ISV workspace')
    .addOption(new Option('--kind <kind>', 'what each item does').choices(['APPLY_TEMPLATE', 'SUBMIT_REVIEW', 'RELEASE', 'ROLLBACK']).makeOptionMandatory())
    .option('--mini-programs <ids>', 'comma-separated mini program ids', list)
    .option('--template <id>', 'instead: every mini program made from this template you are authorized on')
    .option('--version <version>', 'the version (APPLY_TEMPLATE: the new one)')
    .option('--template-version <version>', 'APPLY_TEMPLATE: the template version to apply')
    .addOption(new Option('--release-mode <mode>', 'SUBMIT_REVIEW').choices(['MANUAL', 'AUTO']))
    .option('--gray <percent>', 'RELEASE: to this share of users', positive)
    .option('--concurrency <n>', 'items under way at once', positive)
    .option('--dry-run', 'check every item, change nothing')
    .option('--watch', 'follow it until it finishes')
    .addOption(url)
    .action(async (o: { workspace: string; kind: BatchJobRequest['kind']; miniPrograms?: string[]; template?: string; version?: string; templateVersion?: string; releaseMode?: 'MANUAL' | 'AUTO'; gray?: number; concurrency?: number; dryRun?: boolean; watch?: boolean; url?: string }) => {
      const platform = client(o);
      const targets = o.template ? { templateId: o.template } : { miniProgramIds: o.miniPrograms ?? [] };
      const params = { ...(o.version ? { version: o.version } : {}), ...(o.templateVersion ? { templateVersion: o.templateVersion } : {}), ...(o.releaseMode ? { releaseMode: o.releaseMode } : {}), ...(o.gray ? { grayPercent: o.gray as GrayPercent } : {}) };
      const options = { ...(o.concurrency ? { concurrency: o.concurrency } : {}), ...(o.dryRun ? { dryRun: true } : {}) };
      const body: BatchJobRequest = { kind: o.kind, targets, params, options };
      const started = await platform.call((api) => api.POST('/v1/workspaces/{id}/batch-jobs', { params: { path: { id: o.workspace } }, body }));
      out(`started ${started.jobId} (${started.total} items)`);
      if (o.watch) report(await watch(platform, started.jobId, 1000));
    });
  batch
    .command('watch <jobId>')
    .description('follow a job until it is no longer RUNNING; exits 1 unless it COMPLETED')
    .option('--interval <ms>', 'how often to look', positive, 1000)
    .addOption(url)
    .action(async (jobId: string, o: { interval: number; url?: string }) => report(await watch(client(o), jobId, o.interval)));

  cli
    .command('events')
    .description("a workspace's event feed")
    .command('tail')
    .description('print the events after a cursor, one JSON object a line; --follow waits for more')
    .requiredOption('--workspace <id>', 'the workspace')
    .option('--types <types>', 'comma-separated event types (GET /v1/event-types)', list)
    .option('--after <cursor>', 'a cursor printed before (stderr) to go on from')
    .option('--follow', 'keep waiting for new events (Ctrl-C stops)')
    .option('--interval <ms>', 'how often to look when following', positive, 2000)
    .addOption(url)
    .action(async (o: { workspace: string; types?: string[]; after?: string; follow?: boolean; interval: number; url?: string }) => {
      const platform = client(o);
      let cursor = o.after;
      for (;;) {
        const query = { limit: 100, after: cursor || undefined, types: o.types?.length ? o.types.join(',') : undefined };
        const page = await platform.call((api) => api.GET('/v1/workspaces/{id}/events', { params: { path: { id: o.workspace }, query } }));
        for (const event of page.items) out(JSON.stringify(event));
        // After every page that moved it, so a follow stopped with Ctrl-C can go on from where it was.
        if (page.nextCursor !== cursor || !o.follow) process.stderr.write(`cursor ${page.nextCursor}\n`);
        cursor = page.nextCursor;
        if (page.items.length === 100) continue;
        if (!o.follow) break;
        await sleep(o.interval);
      }
    });

  return cli;
}

program()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    if (error instanceof PlatformError) process.stderr.write(`error: ${error.code} (${error.status}): ${error.detail}\n`);
    else process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
