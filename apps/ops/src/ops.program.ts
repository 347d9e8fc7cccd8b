import { Command, InvalidArgumentError, Option } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { ConfigError, signAccessToken } from '@mpp/platform';
import { AggregateStore } from '@mpp/eventsourcing';
import { AccountClaims, addStaffMember, PasswordHasher } from '@mpp/identity';
import { issueIngestionKey, revokeIngestionKey, USAGE_RETENTION_DAYS, UsageLog, utcDate } from '@mpp/insights';
import { SERVICES, ServiceName } from '@mpp/contracts';
import { deadLettersOf, openServiceStorage, rebuildProjection, rebuildServiceProjections, retryDeadLetter, ServiceStorage, statusOfService, verifyServiceProjection } from '@mpp/runtime';
import { definitions, serviceArgument } from './services';

type Out = (line: string) => void;

async function withStorage<T>(service: ServiceName, work: (storage: ServiceStorage) => Promise<T>): Promise<T> {
  const storage = await openServiceStorage(service);
  try {
    return await work(storage);
  } finally {
    await storage.close();
  }
}

/** What `projections list` says of each log a projection reads. */
const LOG_NAMES: Record<string, string> = { store: 'its own events', inbox: "its inbox of other services' events" };

const servicesOf = (service?: ServiceName) => (service ? [service] : [...SERVICES]);

const positiveInt = (value: string) => {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('must be a positive whole number');
  return Number(value);
};

/** The operator CLI. Databases: DATABASE_URL_TEMPLATE (cluster) or the standalone PGlite under DATA_DIR. */
export function opsProgram(out: Out = (l) => process.stdout.write(`${l}\n`)): Command {
  const program = new Command('ops')
    .description('Operate the Mini Program Platform: projections, dead letters, event streams, platform staff, ingestion keys, usage events, development tokens')
    .addHelpText(
      'after',
      `
Where the data is:
  DATABASE_URL_TEMPLATE   e.g. postgres://postgres@127.0.0.1:5432/mpp_{service} (the cluster's databases)
  <SERVICE>_DATABASE_URL  one service's database, e.g. ORDERING_DATABASE_URL
  DATA_DIR                with neither: standalone's embedded data (default ./data; stop standalone first)
  EVENT_STORE, EVENTSTORE_URL  when the event store is EventStoreDB`,
    );

  const projections = program.command('projections').description('list, inspect and rebuild read models');
  projections
    .command('list')
    .description('every projection of every service, with the log that feeds it')
    .action(() => {
      for (const service of SERVICES) {
        for (const p of definitions[service].projections) out(`${service}\t${p.name}\t(from ${LOG_NAMES[p.source] ?? `its ${p.source} log`})\ttables: ${p.tables.join(', ')}`);
      }
    });
  projections
    .command('status')
    .description('checkpoint, events processed and lag of each projection (and of the Kafka relay)')
    .argument('[service]', `one of ${SERVICES.join(', ')}`, serviceArgument)
    .action(async (service?: ServiceName) => {
      out(['service', 'projection', 'lag', 'processed', 'checkpoint', 'updated'].join('\t'));
      for (const name of servicesOf(service)) {
        const statuses = await withStorage(name, (storage) => statusOfService(definitions[name], storage));
        for (const s of statuses) out([name, s.name, s.lag, s.processed, s.position ?? '-', s.updatedAt ?? '-'].join('\t'));
      }
    });
  projections
    .command('rebuild')
    .description('rebuild a projection from the log (every projection of the service when none is named, each log read once); by default into a new table that replaces the live one when caught up')
    .argument('<service>', `one of ${SERVICES.join(', ')}`, serviceArgument)
    .argument('[projection]', 'its name, as `projections list` shows; none: all of the service\'s (shadow mode)')
    .addOption(new Option('--mode <mode>', 'shadow: the live table serves until the new one swaps in; truncate: empty and replay').choices(['shadow', 'truncate']).default('shadow'))
    .action(async (service: ServiceName, name: string | undefined, options: { mode: 'shadow' | 'truncate' }) => {
      if (name === undefined && options.mode !== 'shadow') program.error('a rebuild of every projection is a shadow rebuild; name one projection for --mode truncate');
      const bar = new SingleBar({ format: `${service}/${name ?? '{log}'} [{bar}] {percentage}% | {value}/{total} events`, noTTYOutput: true, notTTYSchedule: 1000 }, Presets.shades_classic);
      let started = false;
      const startedAt = Date.now();
      const progress = ({ applied, total }: { applied: number; total: number }, log?: string) => {
        if (!started) bar.start(Math.max(total, 1), 0, { log });
        started = true;
        bar.setTotal(Math.max(total, applied, 1));
        bar.update(applied, { log });
      };
      const results = await withStorage(service, async (storage) =>
        name === undefined
          ? rebuildServiceProjections(definitions[service], storage, (log, p) => progress(p, log))
          : [{ name, ...(await rebuildProjection(definitions[service], storage, name, options.mode, (p) => progress(p))) }],
      );
      if (started) bar.stop();
      const seconds = (Date.now() - startedAt) / 1000;
      for (const result of results) out(`rebuilt ${service}/${result.name} (${options.mode}): ${result.applied} events`);
      out(`in ${seconds.toFixed(1)} s`);
    });

  projections
    .command('verify')
    .description('rebuild a projection beside the live one and compare them row by row, swapping nothing; exit 3 when they differ')
    .argument('<service>', `one of ${SERVICES.join(', ')}`, serviceArgument)
    .argument('<projection>', 'its name, as `projections list` shows')
    .action(async (service: ServiceName, name: string) => {
      const bar = new SingleBar({ format: `${service}/${name} [{bar}] {percentage}% | {value}/{total} events`, noTTYOutput: true, notTTYSchedule: 1000 }, Presets.shades_classic);
      let started = false;
      const result = await withStorage(service, (storage) =>
        verifyServiceProjection(definitions[service], storage, name, ({ applied, total }) => {
          if (!started) bar.start(Math.max(total, 1), 0);
          started = true;
          bar.setTotal(Math.max(total, applied, 1));
          bar.update(applied);
        }),
      );
      if (started) bar.stop();
      const differing = result.tables.filter((t) => t.onlyLive + t.onlyRebuilt > 0);
      for (const t of result.tables) out(`${t.table}\t${t.rows} rows\t${t.onlyLive + t.onlyRebuilt === 0 ? 'equal' : `${t.onlyLive} only in the live table, ${t.onlyRebuilt} only in the rebuilt one`}`);
      for (const t of differing) for (const e of t.examples) out(`  ${t.table} ${e.side === 'live' ? 'live only   ' : 'rebuilt only'} ${JSON.stringify(e.row)}`);
      if (differing.length) program.error(`${service}/${name} differs from its rebuild from the log in ${differing.map((t) => t.table).join(', ')}`, { exitCode: 3 });
      out(`verified ${service}/${name}: equal to its rebuild from ${result.applied} events`);
    });

  const dlq = program.command('dlq').description('dead letters: events and messages a reader parked after its retries');
  dlq
    .command('list')
    .description('parked dead letters of one or all services')
    .argument('[service]', `one of ${SERVICES.join(', ')}`, serviceArgument)
    .option('--all', 'include resolved ones')
    .action(async (service: ServiceName | undefined, options: { all?: boolean }) => {
      out(['service', 'id', 'consumer', 'status', 'event', 'attempts', 'error', 'parked at'].join('\t'));
      for (const name of servicesOf(service)) {
        const letters = await withStorage(name, (storage) => deadLettersOf(storage, options.all ? 'ALL' : 'PARKED'));
        for (const l of letters) out([name, l.id, l.consumer, l.status, l.eventType ?? '-', l.attempts, l.error, l.createdAt].join('\t'));
      }
    });
  dlq
    .command('retry')
    .description('handle a dead letter again; it is resolved when that succeeds')
    .argument('<service>', `one of ${SERVICES.join(', ')}`, serviceArgument)
    .argument('<id>', 'the id `dlq list` shows', positiveInt)
    .action(async (service: ServiceName, id: number) => {
      out(await withStorage(service, (storage) => retryDeadLetter(definitions[service], storage, id)));
    });

  program
    .command('stream')
    .description("print a stream's events, oldest first (searches every service unless --service is given)")
    .argument('<streamId>', 'e.g. Service-<uuid>')
    .option('--service <service>', `one of ${SERVICES.join(', ')}`, serviceArgument)
    .option('--json', 'one JSON object per line')
    .action(async (streamId: string, options: { service?: ServiceName; json?: boolean }) => {
      for (const name of servicesOf(options.service)) {
        const events = await withStorage(name, (storage) => storage.store.readStream(streamId));
        if (events.length === 0) continue;
        for (const e of events) {
          if (options.json) out(JSON.stringify(e));
          else out(`${e.streamPosition}\t${e.metadata.occurredAt}\t${e.type}\tactor=${e.metadata.actor?.accountId ?? 'system'}\tcorrelation=${e.metadata.correlationId}\t${JSON.stringify(e.data)}`);
        }
        return;
      }
      program.error(`stream ${streamId} not found in ${servicesOf(options.service).join(', ')}`, { exitCode: 4 });
    });

  program
    .command('staff')
    .description('platform staff accounts (not made by public sign-up)')
    .command('add')
    .description('make an account REVIEWER or OPERATOR, creating it when the email has none (then --password is needed)')
    .argument('<email>', 'the staff member\'s email')
    .addOption(new Option('--role <role>', 'platform role').choices(['REVIEWER', 'OPERATOR']).default('REVIEWER'))
    .option('--password <password>', 'for a new account: at least 8 characters with letters and digits (or set STAFF_PASSWORD)')
    .option('--username <username>', 'for a new account (default: the part of the email before @)')
    .action(async (email: string, options: { role: string; password?: string; username?: string }) => {
      const result = await withStorage('identity', (storage) => {
        const aggregates = new AggregateStore(storage.store);
        return addStaffMember(aggregates, new AccountClaims(storage.store), new PasswordHasher(), {
          email,
          role: options.role,
          password: options.password ?? process.env.STAFF_PASSWORD,
          username: options.username,
        }, process.env.TERMS_VERSION ?? '2026-01');
      });
      out(`${email} is ${options.role} (account ${result.accountId}${result.created ? ', created' : ''})`);
    });

  // Whoever runs the CLI against a service's database acts as a platform operator; the events name them.
  const asOperator = () => ({ correlationId: `ops-${randomUUID()}`, actor: { accountId: `ops:${userInfo().username}`, platformRoles: ['OPERATOR'] } });
  const keys = program.command('ingestion-keys').description("host apps' ingestion keys for usage statistics (insights)");
  keys
    .command('issue')
    .description('issue a host app a key; it is printed this once (only its hash is kept)')
    .argument('<hostApp>', 'a host app id of GET /v1/host-apps, e.g. GCASH')
    .action(async (hostApp: string) => {
      const issued = await withStorage('insights', (storage) => issueIngestionKey(new AggregateStore(storage.store), hostApp, asOperator()));
      out(`key ${issued.keyId} for ${issued.hostApp}:\n${issued.key}`);
    });
  keys
    .command('revoke')
    .description("revoke one of a host app's keys")
    .argument('<hostApp>', 'the host app the key was issued for')
    .argument('<keyId>', 'the key id `issue` printed')
    .action(async (hostApp: string, keyId: string) => {
      await withStorage('insights', (storage) => revokeIngestionKey(new AggregateStore(storage.store), hostApp, keyId, asOperator()));
      out(`key ${keyId} of ${hostApp} is revoked`);
    });

  program
    .command('usage')
    .description("insights' raw usage events")
    .command('drop-expired')
    .description(`drop the days of raw usage events older than the ${USAGE_RETENTION_DAYS} kept (insights also does it every hour); figures stay`)
    .action(async () => {
      const dropped = await withStorage('insights', async (storage) => (await UsageLog.open(storage.sql)).dropExpired(utcDate(new Date())));
      out(dropped.length === 0 ? 'no day of usage events is past retention' : `dropped ${dropped.length} day(s) of usage events: ${dropped.join(', ')}`);
    });

  program
    .command('token')
    .description('sign an access token for development, without signing in: JWT_SECRET, else standalone\'s DATA_DIR/jwt-secret')
    .requiredOption('--account <id>', 'the account id (the token\'s subject)')
    .option('--roles <roles>', 'comma-separated platform roles, e.g. OPERATOR,REVIEWER', '')
    .option('--minutes <n>', 'lifetime in minutes', positiveInt, 60)
    .action(async (options: { account: string; roles: string; minutes: number }) => {
      const roles = options.roles.split(',').map((r) => r.trim()).filter(Boolean);
      out(await signAccessToken(developmentSecret(), { accountId: options.account, roles, expiresInSeconds: options.minutes * 60 }));
    });

  return program;
}

function developmentSecret(): string {
  if (process.env.JWT_SECRET) return process.env.JWT_SECRET;
  const file = path.join(process.env.DATA_DIR ?? './data', 'jwt-secret');
  if (!existsSync(file)) throw new ConfigError('JWT_SECRET', 'is not set and standalone has not made one yet (start it once with npm start)');
  return readFileSync(file, 'utf8').trim();
}
