/*
 * Service Market benchmark: `npm run bench:market`. The target: p99 under 50 ms in the cluster for a filtered,
 * searched first page of GET /v1/market/services.
 *
 * The data: BENCH_SERVICES (10,000) ONLINE services of BENCH_ISVS (50) ISV workspaces, made by the real deciders
 * (identity's workspace decider, catalog's service decider: created, submitted, approved, online) and appended to
 * the services' event stores in bulk (BENCH_SEED_BATCH streams per transaction). Every industry, both types, 1-3 of
 * the 7 host apps, names and descriptions from small word lists, so one search word matches ~1-5% of the services;
 * the same deterministic data set (BENCH_SEED) in both modes. Seeding is timed on its own (appends, then until
 * catalog's projection has listed every service on the market) and is not part of the query figures.
 *
 * Then, through the gateway over HTTP keep-alive at BENCH_CONCURRENCY (8) (and (a) again at each of BENCH_SWEEP, 2 and 4, and
 * at the fixed arrival rates of BENCH_RATES, 100, 200 and 300 req/s), BENCH_QUERIES (2,000) requests per
 * scenario after a warm-up (rounds of BENCH_WARMUP (200) requests per scenario for at least BENCH_WARMUP_SECONDS (30)),
 * each answer checked against the page expected from the data:
 *   health  GET /health/live (the HTTP baseline: no token, no service);
 *   (a)     ?industry=X&app=Y&q=<word>&limit=20, filters and words rotating;
 *   (b)     the same with the cursor of page 1 (page 2 of filter sets that have one);
 *   (c)     ?limit=20, no filter.
 * in two modes:
 *   standalone  the whole platform in one child process (startStandalone, PGlite in a temp DATA_DIR);
 *   cluster     every app its own process (launchCluster), Kafka, PostgreSQL (fresh bench_<run>_<service> databases).
 * In the cluster it also takes (a) apart: the Kafka round trip to catalog with no SQL, (a) sent on Kafka without the
 * gateway, (a)'s SQL alone from a pool of BENCH_CONCURRENCY connections; CPU per request of each process read from
 * /proc; and the EXPLAIN (ANALYZE, BUFFERS) of (a)'s SQL in the catalog database.
 *
 * Everything it starts is stopped and removed at the end, on failure and on Ctrl-C (the Kafka broker only if the
 * bench started it). Settings: BENCH_CONCURRENCY, BENCH_SWEEP, BENCH_RATES, BENCH_RATE_SECONDS, BENCH_QUERIES, BENCH_WARMUP,
 * BENCH_WARMUP_SECONDS, BENCH_SERVICES, BENCH_ISVS,
 * BENCH_SEED, BENCH_SEED_BATCH, BENCH_SEED_WRITERS, BENCH_VACUUM (1: VACUUM the read model before measuring, 0: only
 * ANALYZE, leaving the GIN pending lists the projection filled), BENCH_MODES (standalone,cluster), BENCH_PG_URL, KAFKA_BROKERS
 * (an existing broker; else scripts/kafka.sh on KAFKA_PORT), LOG_LEVEL of the apps (warn).
 */
import { ChildProcess, fork } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { catalogService } from '@mpp/catalog';
import { HOST_APPS, INDUSTRIES, SEARCH_MARKET, ServiceContent, ServiceType } from '@mpp/contracts';
import { EventStore, NewEvent, PostgresSqlClient, seededRandom, SqlClient, SqlEventStore } from '@mpp/eventsourcing';
import { GatewayConfig, startGatewayServer } from '@mpp/gateway';
import { identityService } from '@mpp/identity';
import { createKafka, KafkaRequestBus } from '@mpp/messaging';
import { miniprogramsService } from '@mpp/miniprograms';
import { orderingService } from '@mpp/ordering';
import { AppError, createLogger, signAccessToken } from '@mpp/platform';
import { Standalone, startStandalone } from '@mpp/runtime';
import { toPrefixQuery } from '../libs/catalog/src/market/market-services';
import { checkServiceContent } from '../libs/catalog/src/services/service-content';
import { serviceDecider, ServiceState, serviceStreamId } from '../libs/catalog/src/services/service.decider';
import { workspaceStreamId } from '../libs/identity/src/workspaces/workspace.decider';
import { approvedWorkspaceEvents, cleanups, CLK_TCK, clusterCpuProbe, CpuProbe, cpuBetween, deleteTopicsAndGroups, MACHINE, pidProbe, freePort, httpRequest, launchBenchCluster, PG_BASE, percentile, pgUrl, runBench, runCleanups, sleep } from './bench-cluster';
import { envInt, envInts, forEachConcurrent, formatCount, log, printTable, ResultRow } from './bench-util';

const CONCURRENCY = envInt('BENCH_CONCURRENCY', 8);
/** The lighter loads (a) is measured at too (BENCH_SWEEP=2,4): p99 against the load the machine carries. */
const SWEEP = envInts('BENCH_SWEEP', '2,4');
/**
 * The fixed arrival rates (a) is measured at too (BENCH_RATES), each for BENCH_RATE_SECONDS (at most BENCH_QUERIES
 * requests): the latency at a stated load, with bursts as real traffic has them, next to the closed loops' figures.
 */
const RATES = envInts('BENCH_RATES', '100,200,300');
const RATE_SECONDS = envInt('BENCH_RATE_SECONDS', 8);
const QUERIES = envInt('BENCH_QUERIES', 2000);
const WARMUP = envInt('BENCH_WARMUP', 200);
/** The warm-up repeats its requests until at least this many seconds have passed (BENCH_WARMUP_SECONDS). */
const WARMUP_SECONDS = envInt('BENCH_WARMUP_SECONDS', 30);
const SERVICE_COUNT = envInt('BENCH_SERVICES', 10_000);
const ISV_COUNT = envInt('BENCH_ISVS', 50);
const SEED = envInt('BENCH_SEED', 20_260_101);
const SEED_BATCH = envInt('BENCH_SEED_BATCH', 100);
const SEED_WRITERS = envInt('BENCH_SEED_WRITERS', 4);
/** 1: VACUUM (ANALYZE) the read model before measuring, as autovacuum would soon; 0: measure it as the projection left it. */
const VACUUM = (process.env.BENCH_VACUUM ?? '1') !== '0';
const MODES = (process.env.BENCH_MODES ?? 'standalone,cluster').split(',').map((m) => m.trim()).filter(Boolean);
const APP_LOG_LEVEL = process.env.LOG_LEVEL ?? 'warn';

const PAGE = 20;
const P99_TARGET_MS = 50;
const SEED_TIMEOUT_MS = 15 * 60_000;
const REQUEST_TIMEOUT_MS = 30_000;
const CHILD_FLAG = '--market-bench-standalone';
const DEFINITIONS = [identityService, catalogService, orderingService, miniprogramsService];


/**
 * (a)'s SQL, copied from libs/catalog/src/market/search-market/search-market.handler.ts (keep the two the same):
 * run here only for EXPLAIN and the SQL-alone figure, never for the measured requests.
 */
const MARKET_SQL = `SELECT m.service_id, m.workspace_id, m.online_at, m.content, w.name AS isv_name
         FROM market_services m LEFT JOIN known_workspaces w USING (workspace_id)
        WHERE ($1::text IS NULL OR m.service_id = $1)
          AND ($2::text IS NULL OR m.industry = $2) AND ($3::text IS NULL OR m.type = $3) AND ($4::text IS NULL OR m.apps @> ARRAY[$4::text])
          AND ($5::text IS NULL OR m.search @@ to_tsquery('simple', $5))
          AND ($6::timestamptz IS NULL OR (m.online_at, m.service_id) < ($6::timestamptz, $7::text))
        ORDER BY m.online_at DESC, m.service_id DESC LIMIT $8`;

// ---------------------------------------------------------------------------------------------- the data set

type Random = () => number;
const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)];
const cap = (word: string) => word[0].toUpperCase() + word.slice(1);

function weighted<T>(random: Random, entries: readonly (readonly [T, number])[]): T {
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [value, w] of entries) if ((r -= w) < 0) return value;
  return entries[entries.length - 1][0];
}

/** A v4-shaped UUID from the seeded generator. */
function seededUuid(random: Random): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Search words by the industry they belong to; every one of them also turns up anywhere (see makeDataset). */
const TOPICS: Record<string, string[]> = {
  FOOD_AND_BEVERAGE: 'coffee bakery pizza sushi noodle catering buffet dumpling barbecue seafood vegan dessert juice brewery winery bubble durian'.split(' '),
  RETAIL: 'grocery florist bookstore fashion sneaker jewelry furniture electronics camera toy garden hardware batik pharmacy'.split(' '),
  TRAVEL: 'airline hotel hostel resort ticket ferry passport'.split(' '),
  TRANSPORT: 'taxi parking bicycle scooter carpool courier delivery warehouse'.split(' '),
  FINANCE: 'lottery insurance loan remittance invoice payroll customs'.split(' '),
  EDUCATION: 'tuition tutoring library kindergarten exam scholarship'.split(' '),
  HEALTHCARE: 'clinic dental hospital vaccine telemedicine ambulance veterinary fitness yoga'.split(' '),
  ENTERTAINMENT: 'cinema concert museum karaoke esports salon'.split(' '),
  GOVERNMENT: 'permit utility electricity recycling'.split(' '),
  OTHER: 'charity donation laundry'.split(' '),
};
const ALL_TOPICS = Object.values(TOPICS).flat();
const FILLERS =
  'manage orders customers loyalty points coupons bookings queue reviews payments members reports inventory menus schedules notifications checkout chat maps rewards vouchers subscriptions analytics dashboard staff branches promotions receipts refunds catalogue appointments tracking forms pages flows'.split(
    ' ',
  );
const ADJECTIVES = 'smart easy quick simple modern instant friendly secure local complete handy bright swift neat clever lively sunny fresh prime classic'.split(' ');
const NOUNS = 'app hub desk point kit pass link box express center studio suite starter toolkit portal'.split(' ');
const AUDIENCES = ['merchants', 'businesses', 'shops', 'stores', 'outlets', 'teams', 'owners'];
const ISV_WORDS = 'nimbus lumen vertex orbit kite harbor maple cobalt quartz falcon lotus ember willow atlas nova pixel zenith coral summit echo'.split(' ');
const ISV_SUFFIXES = ['Digital', 'Labs', 'Studio', 'Systems', 'Solutions', 'Works', 'Technologies', 'Interactive'];
const NAME_SUFFIXES = ['Pro', 'Plus', 'Lite', 'Max', 'Express', 'Go'];
const CURRENCY_CHOICES = ['USD', 'CNY', 'HKD', 'SGD', 'MYR', 'IDR', 'PHP', 'THB', 'KRW', 'PKR'];

/** Skewed as a real market would be: more retail and food, Alipay on more services than easypaisa. */
const INDUSTRY_WEIGHTS: Record<string, number> = {
  RETAIL: 22, FOOD_AND_BEVERAGE: 20, TRAVEL: 10, TRANSPORT: 8, FINANCE: 10, EDUCATION: 8, HEALTHCARE: 7, ENTERTAINMENT: 7, GOVERNMENT: 4, OTHER: 4,
};
const APP_WEIGHTS: Record<string, number> = { ALIPAY_CN: 30, GCASH: 18, DANA: 14, TNG_EWALLET: 12, TRUEMONEY: 10, KAKAOPAY: 10, EASYPAISA: 6 };
const industryEntries = INDUSTRIES.map((i) => [i.id as string, INDUSTRY_WEIGHTS[i.id]] as const);
const appEntries = HOST_APPS.map((a) => [a.id as string, APP_WEIGHTS[a.id]] as const);

interface Isv {
  workspaceId: string;
  applicationId: string;
  ownerAccountId: string;
  name: string;
  share: number;
}

interface SeedService {
  serviceId: string;
  isv: number;
  content: ServiceContent;
  createdMs: number;
  submittedMs: number;
  onlineMs: number;
}

interface Dataset {
  isvs: Isv[];
  /** Newest first, as the market orders them (online_at DESC, service_id DESC). */
  services: SeedService[];
  /** For each search word: the positions (in `services`) of the services whose name or description it prefixes. */
  matches: Map<string, number[]>;
  reviewerAccountId: string;
}

const tokens = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

function makeDataset(seed: number, count: number, isvCount: number): Dataset {
  const random = seededRandom(seed); // so both modes (two processes) build the very same data
  const isvs: Isv[] = Array.from({ length: isvCount }, (_, i) => ({
    workspaceId: seededUuid(random),
    applicationId: seededUuid(random),
    ownerAccountId: seededUuid(random),
    name: `${cap(ISV_WORDS[i % ISV_WORDS.length])} ${ISV_SUFFIXES[Math.floor(i / ISV_WORDS.length) % ISV_SUFFIXES.length]}${i >= ISV_WORDS.length * ISV_SUFFIXES.length ? ` ${i}` : ''}`,
    // A few big ISVs, many small ones.
    share: 1 / Math.pow(i + 1, 0.7),
  }));
  const isvEntries = isvs.map((isv, i) => [i, isv.share] as const);
  const namesPerIsv = isvs.map(() => new Set<string>());
  const appNames = new Map<string, string>(HOST_APPS.map((a) => [a.id, a.name]));
  const industryNames = new Map<string, string>(INDUSTRIES.map((i) => [i.id, i.name]));

  // One service goes online every ~3 s over the last 365 days; distinct milliseconds, so the order has no ties.
  const span = 365 * 86_400_000;
  const step = Math.floor(span / count);
  const start = Date.UTC(2026, 0, 1) - span;
  const services: SeedService[] = [];
  for (let n = 0; n < count; n++) {
    const industry = weighted(random, industryEntries);
    const type: ServiceType = random() < 0.6 ? 'MINI_PROGRAM_DEVELOPMENT' : 'MINI_PROGRAM_TEMPLATE';
    const appCount = weighted(random, [[1, 40], [2, 35], [3, 25]] as const);
    const apps: string[] = [];
    while (apps.length < appCount) {
      const app = weighted(random, appEntries);
      if (!apps.includes(app)) apps.push(app);
    }
    // The word of the name mostly fits the industry; the description's words are anything.
    const topic1 = random() < 0.6 ? pick(random, TOPICS[industry]) : pick(random, ALL_TOPICS);
    let topic2 = pick(random, ALL_TOPICS);
    while (topic2 === topic1) topic2 = pick(random, ALL_TOPICS);
    const topic3 = random() < 0.3 ? pick(random, ALL_TOPICS) : undefined;
    const isv = weighted(random, isvEntries);
    let name = `${cap(pick(random, ADJECTIVES))} ${cap(topic1)} ${cap(pick(random, NOUNS))}`;
    for (let k = 0; namesPerIsv[isv].has(name.toLowerCase()); k++) {
      name = `${name.replace(/ (Pro|Plus|Lite|Max|Express|Go|\d+)$/, '')} ${k < NAME_SUFFIXES.length ? NAME_SUFFIXES[k] : k}`;
    }
    namesPerIsv[isv].add(name.toLowerCase());
    const f = () => pick(random, FILLERS);
    const description =
      `${cap(pick(random, ADJECTIVES))} ${pick(random, NOUNS)} for ${industryNames.get(industry)!.toLowerCase()} ${pick(random, AUDIENCES)}: ` +
      `${topic2} ${f()} and ${f()}, ${f()} and ${f()} on ${apps.map((a) => appNames.get(a)).join(', ')}.` +
      (topic3 ? ` Also handles ${topic3} ${f()}.` : '');
    const details = Array.from({ length: 2 + Math.floor(random() * 3) }, () => `${cap(f())} ${f()} and ${f()} with ${f()}, ${f()} and ${f()}.`).join(' ');
    const paymentModel = weighted(random, [['FREE', 40], ['FIXED', 35], ['QUOTE', 25]] as const);
    const content: ServiceContent = {
      name,
      industry,
      type,
      description,
      images: Array.from({ length: 1 + Math.floor(random() * 3) }, (_, i) => `https://img.example.com/services/${n}/${i + 1}.png`),
      applicableApps: apps,
      payment: paymentModel === 'FIXED' ? { model: 'FIXED', amount: 99 + Math.floor(random() * 9900), currency: pick(random, CURRENCY_CHOICES) } : { model: paymentModel },
      companyInfo: `${isvs[isv].name}, ${2 + Math.floor(random() * 15)} years of mini program work.`,
      details,
      ...(random() < 0.5 ? { tutorial: `${cap(f())} first, then ${f()} and ${f()}.` } : {}),
      ...(random() < 0.3 ? { successStory: `A ${topic1} chain doubled its ${f()} in three months.` } : {}),
      // Derived, not drawn: the seeded sequence (and so the dataset) stays what it was before services named templates.
      ...(type === 'MINI_PROGRAM_TEMPLATE' ? { templateId: `seed-template-${n}` } : {}),
    };
    checkServiceContent(content);
    const onlineMs = start + n * step + Math.floor(random() * (step - 1));
    const submittedMs = onlineMs - (1 + Math.floor(random() * 72)) * 3_600_000;
    services.push({ serviceId: seededUuid(random), isv, content, createdMs: submittedMs - (1 + Math.floor(random() * 20)) * 86_400_000, submittedMs, onlineMs });
  }
  services.sort((x, y) => y.onlineMs - x.onlineMs || (x.serviceId < y.serviceId ? 1 : -1));

  // What to_tsquery('simple', 'word:*') finds: a token of the name or the description that starts with the word.
  const byToken = new Map<string, Set<number>>();
  services.forEach((s, position) => {
    for (const token of tokens(`${s.content.name} ${s.content.description}`)) {
      let set = byToken.get(token);
      if (!set) byToken.set(token, (set = new Set()));
      set.add(position);
    }
  });
  const matches = new Map<string, number[]>();
  for (const word of ALL_TOPICS) {
    const found = new Set<number>();
    for (const [token, positions] of byToken) if (token.startsWith(word)) positions.forEach((p) => found.add(p));
    matches.set(word, [...found].sort((a, b) => a - b));
  }
  return { isvs, services, matches, reviewerAccountId: seededUuid(random) };
}

// ---------------------------------------------------------------------------------------------- the queries

interface Filters {
  industry?: string;
  app?: string;
  q?: string;
}

interface Query {
  label: string;
  path: string;
  filters: Filters;
  /** The service ids of the expected page, in order; undefined for the health check. */
  expected?: string[];
  /** For page 2: the cursor of page 1, filled in during the warm-up. */
  cursorOf?: string;
}

const queryString = (filters: Filters, extra: Record<string, string> = {}) =>
  new URLSearchParams({ ...(filters.industry ? { industry: filters.industry } : {}), ...(filters.app ? { app: filters.app } : {}), ...(filters.q ? { q: filters.q } : {}), limit: String(PAGE), ...extra }).toString();

/** The positions of the services a filter set finds, newest first. */
function found(data: Dataset, filters: Filters, upTo = Infinity): number[] {
  const candidates = filters.q ? data.matches.get(filters.q)! : data.services.map((_, i) => i);
  const out: number[] = [];
  for (const p of candidates) {
    const c = data.services[p].content;
    if (filters.industry && c.industry !== filters.industry) continue;
    if (filters.app && !c.applicableApps.includes(filters.app)) continue;
    out.push(p);
    if (out.length >= upTo) break;
  }
  return out;
}

const idsAt = (data: Dataset, positions: number[]) => positions.map((p) => data.services[p].serviceId);

interface Scenarios {
  health: Query[];
  filtered: Query[];
  secondPage: Query[];
  unfiltered: Query[];
  /** How many services each filtered query finds (all of them, not just the page). */
  filteredTotals: number[];
  secondPageSource: string;
}

/**
 * (a): the filters a user would pick (industries and apps as popular as they are), half the time a word of the
 * industry, half the time any word. (b): filter sets with more than one page, their page 2. (c): the newest page.
 */
function makeScenarios(data: Dataset, count: number): Scenarios {
  const random = seededRandom(SEED + 1);
  const filtered: Query[] = [];
  const filteredTotals: number[] = [];
  for (let i = 0; i < count; i++) {
    const industry = weighted(random, industryEntries);
    const filters: Filters = { industry, app: weighted(random, appEntries), q: random() < 0.5 ? pick(random, TOPICS[industry]) : pick(random, ALL_TOPICS) };
    const all = found(data, filters);
    filteredTotals.push(all.length);
    filtered.push({ label: 'a', path: `/v1/market/services?${queryString(filters)}`, filters, expected: idsAt(data, all.slice(0, PAGE)) });
  }

  // (b): industry+app+word sets with a second page; if there are too few, industry+word, then industry+app.
  const sets: { filters: Filters; all: number[] }[] = [];
  let source = 'industry + app + word';
  const collect = (make: (industry: string, app: string, word: string) => Filters | undefined) => {
    const seen = new Set<string>();
    for (const { id: industry } of INDUSTRIES)
      for (const { id: app } of HOST_APPS)
        for (const word of ALL_TOPICS) {
          const filters = make(industry, app, word);
          if (!filters) continue;
          const key = JSON.stringify(filters);
          if (seen.has(key)) continue;
          seen.add(key);
          const all = found(data, filters, 2 * PAGE);
          if (all.length > PAGE) sets.push({ filters, all });
        }
  };
  collect((industry, app, q) => ({ industry, app, q }));
  if (sets.length < 20) {
    source += ' and industry + word';
    collect((industry, _app, q) => ({ industry, q }));
  }
  if (sets.length < 20) {
    source += ' and industry + app';
    collect((industry, app, word) => (word === ALL_TOPICS[0] ? { industry, app } : undefined));
  }
  // A fixed, shuffled order, so the rotation does not walk one industry after the other.
  const order = sets.map((s) => [s, random()] as const).sort((x, y) => x[1] - y[1]).map(([s]) => s);
  const chosen = order.slice(0, Math.min(order.length, 200));
  if (chosen.length === 0) throw new Error(`no filter set finds more than ${PAGE} services: (b) has no second page to ask for`);
  const secondPage = Array.from({ length: count }, (_, i) => {
    const { filters, all } = chosen[i % chosen.length];
    return { label: 'b', path: `/v1/market/services?${queryString(filters)}`, filters, expected: idsAt(data, all.slice(PAGE, 2 * PAGE)), cursorOf: '' };
  });
  source = `${chosen.length} filter sets (${source}) with more than ${PAGE} results`;

  const newest = idsAt(data, found(data, {}, PAGE));
  const unfiltered = Array.from({ length: count }, () => ({ label: 'c', path: `/v1/market/services?${queryString({})}`, filters: {}, expected: newest }));
  const health = Array.from({ length: count }, () => ({ label: 'health', path: '/health/live', filters: {} }));
  return { health, filtered, secondPage, unfiltered, filteredTotals, secondPageSource: source };
}

// ---------------------------------------------------------------------------------------------- seeding

const meta = (actor: { accountId: string; platformRoles?: string[] }, ms: number, correlationId: string) => ({
  correlationId,
  actor,
  occurredAt: new Date(ms).toISOString(),
});

/** What identity's CreateWorkspace writes when a reviewer approves an ISV's application. */
const workspaceEvents = (isv: Isv, ms: number): NewEvent[] =>
  approvedWorkspaceEvents({ workspaceId: isv.workspaceId, type: 'ISV', name: isv.name, ownerAccountId: isv.ownerAccountId, applicationId: isv.applicationId }, new Date(ms));

/** A service's whole way onto the market through catalog's decider: create, submit, approve (ServiceOnline). */
function serviceEvents(data: Dataset, s: SeedService): NewEvent[] {
  const owner = { accountId: data.isvs[s.isv].ownerAccountId, platformRoles: [] as string[] };
  const reviewer = { accountId: data.reviewerAccountId, platformRoles: ['REVIEWER'] };
  let state: ServiceState = serviceDecider.initialState();
  const out: NewEvent[] = [];
  const run = (command: Parameters<typeof serviceDecider.decide>[0], ms: number, actor: typeof owner) => {
    const correlationId = randomUUID();
    for (const event of serviceDecider.decide(command, state, { now: new Date(ms), newId: randomUUID, actor })) {
      state = serviceDecider.evolve(state, event);
      out.push({ eventId: randomUUID(), type: event.type, data: event.data as unknown as Record<string, unknown>, metadata: meta(actor, ms, correlationId) });
    }
  };
  // A template service names its ISV's template and goes ONLINE only while it has a PUBLISHED version: the seeded ones have one.
  const template = s.content.templateId ? { templateId: s.content.templateId, publishedVersions: 1 } : undefined;
  run({ type: 'CreateService', serviceId: s.serviceId, isvWorkspaceId: data.isvs[s.isv].workspaceId, content: s.content, template }, s.createdMs, owner);
  run({ type: 'SubmitService', template }, s.submittedMs, owner);
  run({ type: 'ApproveService', template }, s.onlineMs, reviewer);
  return out;
}

interface SeedTarget {
  identity: { sql: SqlClient; store: SqlEventStore };
  catalog: { sql: SqlClient; store: SqlEventStore };
  writers: number;
}

interface SeedReport {
  streams: number;
  events: number;
  appendMs: number;
  /** From the first append until the market lists every service. */
  marketMs: number;
  /** From the first append until catalog knows every ISV (from identity's events, through its inbox). */
  workspacesMs: number;
  /** The GIN indexes' pending lists (fastupdate) as the projection left them, when pgstattuple can tell. */
  pending?: string;
}

const asSqlStore = (store: EventStore): SqlEventStore => {
  if (!(store instanceof SqlEventStore)) throw new Error('the bench seeds SQL event stores only (EVENT_STORE=sql)');
  return store;
};

async function count(sql: SqlClient, table: string): Promise<number> {
  const { rows } = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return Number(rows[0].n);
}

/**
 * Appends the ISVs' workspace streams to identity and the services' streams to catalog, SEED_BATCH streams per
 * transaction, `writers` transactions at a time; then waits until catalog's read models hold them all.
 */
async function seed(target: SeedTarget, data: Dataset, say: (line: string) => void): Promise<SeedReport> {
  const started = performance.now();
  const approvedAt = Math.min(...data.services.map((s) => s.createdMs)) - 86_400_000;
  await target.identity.sql.transaction(async (tx) => {
    const store = target.identity.store.withClient(tx);
    for (const isv of data.isvs) await store.append(workspaceStreamId(isv.workspaceId), workspaceEvents(isv, approvedAt), { expectedVersion: 'no_stream' });
  });
  let events = data.isvs.length * 3;
  const chunks: SeedService[][] = [];
  for (let i = 0; i < data.services.length; i += SEED_BATCH) chunks.push(data.services.slice(i, i + SEED_BATCH));
  await forEachConcurrent(chunks, target.writers, (chunk) =>
    target.catalog.sql.transaction(async (tx) => {
      const store = target.catalog.store.withClient(tx);
      for (const s of chunk) {
        const stream = serviceEvents(data, s);
        events += stream.length;
        await store.append(serviceStreamId(s.serviceId), stream, { expectedVersion: 'no_stream' });
      }
    }),
  );
  const appendMs = performance.now() - started;
  say(`appended ${formatCount(events)} events in ${formatCount(data.isvs.length + data.services.length)} streams in ${(appendMs / 1000).toFixed(1)} s; waiting for catalog's projections...`);

  let marketMs = 0;
  let workspacesMs = 0;
  let lastSaid = performance.now();
  for (;;) {
    const market = await count(target.catalog.sql, 'market_services');
    const known = await count(target.catalog.sql, 'known_workspaces');
    const now = performance.now();
    if (!workspacesMs && known >= data.isvs.length) workspacesMs = now - started;
    if (!marketMs && market >= data.services.length) marketMs = now - started;
    if (marketMs && workspacesMs) break;
    if (now - started > SEED_TIMEOUT_MS) throw new Error(`catalog's read models did not catch up in ${SEED_TIMEOUT_MS / 1000} s: ${market} market services, ${known} known workspaces`);
    if (now - lastSaid > 5000) {
      say(`  ${formatCount(market)} / ${formatCount(data.services.length)} services on the market, ${known} / ${data.isvs.length} ISVs known (${((now - started) / 1000).toFixed(0)} s)`);
      lastSaid = now;
    }
    await sleep(200);
  }
  const pending = await ginPending(target.catalog.sql);
  // Planner statistics either way; VACUUM also flushes the GIN pending lists (a manual ANALYZE does not).
  for (const table of ['market_services', 'known_workspaces']) await target.catalog.sql.exec(`${VACUUM ? 'VACUUM (ANALYZE)' : 'ANALYZE'} ${table}`);
  return { streams: data.isvs.length + data.services.length, events, appendMs, marketMs, workspacesMs, pending };
}

/**
 * How many entries wait in the pending list of market_services' GIN indexes: with fastupdate (the default) an
 * insert only appends there, and every search scans the whole list until VACUUM (or autovacuum's ANALYZE) merges it.
 */
async function ginPending(sql: SqlClient): Promise<string | undefined> {
  try {
    await sql.exec('CREATE EXTENSION IF NOT EXISTS pgstattuple');
    const { rows } = await sql.query<{ index: string; pages: number; tuples: number }>(
      `SELECT i.relname AS index, (pgstatginindex(i.oid)).pending_pages AS pages, (pgstatginindex(i.oid)).pending_tuples AS tuples
         FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_am a ON a.oid = i.relam
        WHERE x.indrelid = 'market_services'::regclass AND a.amname = 'gin' ORDER BY 1`,
    );
    return rows.map((r) => `${r.index} ${formatCount(Number(r.tuples))} entries (${r.pages} pages)`).join(', ');
  } catch {
    return undefined; // no pgstattuple (PGlite, or contrib not installed)
  }
}

// ---------------------------------------------------------------------------------------------- the standalone child

type ToChild = { type: 'sql'; params: unknown[][]; concurrency: number } | { type: 'stop' };
type FromChild =
  | { type: 'ready'; port: number; report: SeedReport }
  | { type: 'sql'; latencies: number[]; wallMs: number }
  | { type: 'error'; message: string };

/** Runs in the forked child: the whole platform (startStandalone, as apps/standalone does), seeded in-process. */
async function standaloneChild(): Promise<void> {
  const send = (message: FromChild) => process.send?.(message);
  let standalone: Standalone | undefined;
  let stopping: Promise<void> | undefined;
  const stop = (code: number) =>
    (stopping ??= (async () => {
      try {
        await standalone?.stop();
      } catch (error) {
        process.stderr.write(`standalone stop failed: ${String(error)}\n`);
      }
      process.exit(code);
    })());
  process.once('SIGINT', () => void stop(130));
  process.once('SIGTERM', () => void stop(143));
  process.once('disconnect', () => void stop(0));
  process.on('message', (message: ToChild) => {
    if (message.type === 'stop') void stop(0);
    if (message.type === 'sql') {
      const sql = standalone!.services.get('catalog')!.infra.sql;
      const latencies: number[] = [];
      const t0 = performance.now();
      void forEachConcurrent(message.params, message.concurrency, async (params) => {
        const t = performance.now();
        await sql.query(MARKET_SQL, params);
        latencies.push(performance.now() - t);
      }).then(
        () => send({ type: 'sql', latencies, wallMs: performance.now() - t0 }),
        (error: unknown) => send({ type: 'error', message: String(error) }),
      );
    }
  });
  try {
    standalone = await startStandalone(DEFINITIONS, (bus, logger, listenWhen) => startGatewayServer(bus, GatewayConfig.fromEnv(), logger, [], listenWhen));
    const say = (line: string) => process.stdout.write(`${line}\n`);
    say(`standalone up at ${standalone.gateway.url}; seeding...`);
    const identity = standalone.services.get('identity')!.infra;
    const catalog = standalone.services.get('catalog')!.infra;
    const data = makeDataset(SEED, SERVICE_COUNT, ISV_COUNT);
    const report = await seed(
      { identity: { sql: identity.sql, store: asSqlStore(identity.store) }, catalog: { sql: catalog.sql, store: asSqlStore(catalog.store) }, writers: 1 },
      data,
      say,
    );
    send({ type: 'ready', port: Number(new URL(standalone.gateway.url).port), report });
  } catch (error) {
    send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    await stop(1);
  }
}

// ---------------------------------------------------------------------------------------------- cleanups

// ---------------------------------------------------------------------------------------------- measuring

const ms = (value: number) => `${value.toFixed(1)} ms`;

interface Phase {
  name: string;
  count: number;
  wallMs: number;
  latencies: number[];
  wrong: number;
  /** Mean items per page (pages only). */
  items?: number;
  /** Mean response body size (HTTP only). */
  bytes?: number;
  /** Server-side CPU seconds per group, and this process's. */
  cpu?: Map<string, number>;
  clientCpuSeconds: number;
}

/**
 * How a phase sends its requests. `concurrency`: a closed loop, the next request leaves when one is answered, so
 * at saturation its latency is mostly queueing (concurrency / throughput). `rate`: an open loop, request i leaves
 * at start + i / rate whatever the answers, and its latency counts from when it was due to leave, so a client or
 * server that falls behind is charged for it (no coordinated omission): latency at a stated load.
 */
type Load = { concurrency: number } | { rate: number };

/** Sends each item as the load says, timing each one, the whole phase and (with a probe) the processes' CPU. */
async function phase<T>(name: string, items: T[], work: (item: T) => Promise<{ ok: boolean; items?: number; bytes?: number }>, probe?: CpuProbe, load: Load = { concurrency: CONCURRENCY }): Promise<Phase> {
  const latencies: number[] = [];
  let wrong = 0;
  let itemSum = 0;
  let pages = 0;
  let byteSum = 0;
  let sized = 0;
  const before = probe ? await probe() : undefined;
  const client = process.cpuUsage();
  const started = performance.now();
  const measure = async (item: T, due: number) => {
    const outcome = await work(item);
    latencies.push(performance.now() - due);
    if (!outcome.ok) wrong++;
    if (outcome.items !== undefined) {
      itemSum += outcome.items;
      pages++;
    }
    if (outcome.bytes !== undefined) {
      byteSum += outcome.bytes;
      sized++;
    }
  };
  if ('rate' in load) {
    await Promise.all(
      items.map(async (item, i) => {
        const due = started + (i * 1000) / load.rate;
        await sleep(Math.max(0, due - performance.now()));
        await measure(item, due);
      }),
    );
  } else {
    await forEachConcurrent(items, load.concurrency, (item) => measure(item, performance.now()));
  }
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(client);
  const after = probe ? await probe() : undefined;
  return {
    name,
    count: items.length,
    wallMs,
    latencies,
    wrong,
    items: pages ? itemSum / pages : undefined,
    bytes: sized ? byteSum / sized : undefined,
    cpu: before && after ? cpuBetween(before, after) : undefined,
    clientCpuSeconds: (used.user + used.system) / 1e6,
  };
}

// ---------------------------------------------------------------------------------------------- HTTP

const httpGet = (agent: http.Agent, port: number, pathAndQuery: string, token?: string) => httpRequest(agent, port, 'GET', pathAndQuery, { token, timeoutMs: REQUEST_TIMEOUT_MS });

interface PageBody {
  items: { serviceId: string }[];
  nextCursor: string | null;
}

const mismatches: string[] = [];

/** One request of a scenario; the answer must be the page the data set says. */
async function ask(agent: http.Agent, port: number, token: string, query: Query): Promise<{ ok: boolean; items?: number; bytes?: number }> {
  if (query.expected === undefined) {
    const reply = await httpGet(agent, port, query.path);
    return { ok: reply.status === 200, bytes: Buffer.byteLength(reply.body) };
  }
  const path = query.cursorOf ? `${query.path}&cursor=${encodeURIComponent(query.cursorOf)}` : query.path;
  const reply = await httpGet(agent, port, path, token);
  if (reply.status !== 200) {
    if (mismatches.length < 5) mismatches.push(`${query.label} GET ${path}: ${reply.status} ${reply.body.slice(0, 300)}`);
    return { ok: false };
  }
  const body = JSON.parse(reply.body) as PageBody;
  const ids = body.items.map((i) => i.serviceId);
  const ok = ids.length === query.expected.length && ids.every((id, i) => id === query.expected![i]);
  if (!ok && mismatches.length < 5) mismatches.push(`${query.label} GET ${path}: got ${ids.length} items [${ids.slice(0, 3).join(', ')}...], expected ${query.expected.length} [${query.expected.slice(0, 3).join(', ')}...]`);
  return { ok, items: ids.length, bytes: Buffer.byteLength(reply.body) };
}

interface ModeResult {
  mode: string;
  phases: Phase[];
  diagnostics: Phase[];
  seed: SeedReport;
  startMs: number;
  cpuGroups: string[];
  /** CPU seconds per second each group uses with no request at all (pollers, heartbeats). */
  idle?: Map<string, number>;
}

const IDLE_SECONDS = 5;

/** What the processes burn with no requests: projection pollers, Kafka fetch long-polls and heartbeats. */
async function idleCpu(probe: CpuProbe): Promise<Map<string, number>> {
  const before = await probe();
  await sleep(IDLE_SECONDS * 1000);
  const used = cpuBetween(before, await probe());
  return new Map([...used].map(([group, seconds]) => [group, seconds / IDLE_SECONDS]));
}

/** How many requests the one-at-a-time figures use. */
const SERIAL = Math.max(50, Math.round(QUERIES / 4));

/** The warm-up (also fetching page 1's cursor for every (b) filter set), then the four measured scenarios. */
async function runScenarios(mode: string, port: number, token: string, scenarios: Scenarios, probe?: CpuProbe): Promise<{ phases: Phase[]; serial: Phase }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  cleanups.push(() => agent.destroy());
  const cursors = new Map<string, string>();
  const firstPages = [...new Set(scenarios.secondPage.map((q) => q.path))];
  await forEachConcurrent(firstPages, CONCURRENCY, async (pagePath) => {
    const reply = await httpGet(agent, port, pagePath, token);
    const body = reply.status === 200 ? (JSON.parse(reply.body) as PageBody) : undefined;
    if (!body?.nextCursor) throw new Error(`${mode}: ${pagePath} has no second page (${reply.status}), though the data set has more than ${PAGE} results for it`);
    cursors.set(pagePath, body.nextCursor);
  });
  for (const query of scenarios.secondPage) query.cursorOf = cursors.get(query.path);
  const warm = (list: Query[]) => list.slice(list.length - WARMUP);
  // Rounds of the warm-up set until WARMUP_SECONDS have passed: a broker the bench has just started is a cold JVM,
  // and its JIT compiling under the first measured scenario would be counted against it.
  const warmSet = [...warm(scenarios.health), ...warm(scenarios.filtered), ...warm(scenarios.secondPage), ...warm(scenarios.unfiltered)];
  const warmUntil = performance.now() + WARMUP_SECONDS * 1000;
  let rounds = 0;
  do {
    await forEachConcurrent(warmSet, CONCURRENCY, async (query) => {
      await ask(agent, port, token, query);
    });
    rounds++;
  } while (performance.now() < warmUntil);
  log(`   warm-up done: ${cursors.size} page-1 cursors for (b), ${formatCount(rounds * warmSet.length)} requests in ${rounds} rounds (not counted)`);
  const measured = (list: Query[]) => list.slice(0, QUERIES);
  const phases: Phase[] = [];
  for (const [name, list] of [
    ['health  GET /health/live', scenarios.health],
    ['(a)     filtered + searched, page 1', scenarios.filtered],
    ['(b)     filtered + searched, page 2', scenarios.secondPage],
    ['(c)     unfiltered, page 1', scenarios.unfiltered],
  ] as const) {
    log(`   ${name.replace(/\s+/g, ' ')}: ${formatCount(Math.min(QUERIES, list.length))} requests at concurrency ${CONCURRENCY}...`);
    phases.push(await phase(name, measured(list), (query) => ask(agent, port, token, query), probe));
  }
  // (a) again at lighter loads: where the p99 target holds on this machine, and at what rate.
  for (const concurrency of SWEEP.filter((c) => c !== CONCURRENCY)) {
    log(`   (a) at concurrency ${concurrency}: ${formatCount(QUERIES)} requests...`);
    phases.push(await phase(`(a)     same, concurrency ${concurrency}`, measured(scenarios.filtered), (query) => ask(agent, port, token, query), probe, { concurrency }));
  }
  // (a) at fixed arrival rates: the latency at a stated load.
  const open = new http.Agent({ keepAlive: true, maxSockets: 256 });
  cleanups.push(() => open.destroy());
  for (const rate of RATES) {
    const count = Math.min(QUERIES, Math.round(rate * RATE_SECONDS));
    log(`   (a) at ${rate} req/s offered: ${formatCount(count)} requests...`);
    phases.push(await phase(`(a)     same, ${rate} req/s offered`, scenarios.filtered.slice(0, count), (query) => ask(open, port, token, query), probe, { rate }));
  }
  open.destroy();
  log(`   (a) one at a time (concurrency 1, no queueing): ${formatCount(SERIAL)} requests...`);
  const serial = await phase('(a) via the gateway, one at a time', scenarios.filtered.slice(0, SERIAL), (query) => ask(agent, port, token, query), probe, { concurrency: 1 });
  agent.destroy();
  return { phases, serial };
}

// ---------------------------------------------------------------------------------------------- standalone

async function runStandaloneMode(data: Dataset, scenarios: Scenarios): Promise<ModeResult> {
  log('== standalone: the whole platform in one child process (startStandalone), PGlite in a fresh temp DATA_DIR');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mpp-bench-market-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const jwtSecret = `bench-${randomBytes(32).toString('hex')}`;
  const started = performance.now();
  const child = fork(__filename, [CHILD_FLAG], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(await freePort()), HOST: '127.0.0.1', JWT_SECRET: jwtSecret, LOG_LEVEL: APP_LOG_LEVEL, NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  cleanups.push(() => stopChild(child));
  child.stdout!.on('data', (chunk: Buffer) => chunk.toString().split('\n').filter(Boolean).forEach((line) => log(`   [standalone] ${line}`)));
  child.stderr!.on('data', (chunk: Buffer) => chunk.toString().split('\n').filter(Boolean).forEach((line) => process.stderr.write(`   [standalone] ${line}\n`)));
  const nextMessage = () =>
    new Promise<FromChild>((resolve, reject) => {
      const onMessage = (m: FromChild) => {
        child.off('exit', onExit);
        if (m.type === 'error') reject(new Error(`standalone: ${m.message}`));
        else resolve(m);
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        child.off('message', onMessage);
        reject(new Error(`the standalone child exited (code ${code}, signal ${signal})`));
      };
      child.once('message', onMessage);
      child.once('exit', onExit);
    });
  const ready = await nextMessage();
  if (ready.type !== 'ready') throw new Error(`standalone: unexpected message ${ready.type}`);
  const startMs = performance.now() - started - ready.report.marketMs;
  log(`   ready: start ${(startMs / 1000).toFixed(1)} s, seeding ${(ready.report.marketMs / 1000).toFixed(1)} s (pid ${child.pid}, port ${ready.port})`);

  const token = await signAccessToken(jwtSecret, { accountId: 'bench-merchant', roles: [], expiresInSeconds: 3600 });
  const pid = child.pid!;
  const probe = pidProbe(async () => ({ standalone: [pid] }));
  log(`   background: CPU over ${IDLE_SECONDS} s with no requests...`);
  const idle = await idleCpu(probe);
  const { phases, serial } = await runScenarios('standalone', ready.port, token, scenarios, probe);

  log(`   diagnostics: (a)'s SQL alone on PGlite, ${formatCount(QUERIES)} queries at concurrency ${CONCURRENCY} (PGlite runs one at a time)...`);
  child.send({ type: 'sql', params: scenarios.filtered.slice(0, QUERIES).map((q) => sqlParams(q.filters)), concurrency: CONCURRENCY } satisfies ToChild);
  const sql = await nextMessage();
  if (sql.type !== 'sql') throw new Error(`standalone: unexpected message ${sql.type}`);
  const sqlPhase: Phase = { name: '(a) SQL alone (PGlite, in the server)', count: sql.latencies.length, wallMs: sql.wallMs, latencies: sql.latencies, wrong: 0, clientCpuSeconds: 0 };
  await stopChild(child);
  return { mode: 'standalone', phases, diagnostics: [serial, sqlPhase], seed: ready.report, startMs, cpuGroups: ['standalone'], idle };
}

/** SIGTERM (the child stops the platform), then SIGKILL if it has not exited after 20 s. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(killer);
}

const sqlParams = (f: Filters, cursor?: { at: string; id: string }) => [null, f.industry ?? null, null, f.app ?? null, f.q ? toPrefixQuery(f.q) : null, cursor?.at ?? null, cursor?.id ?? null, PAGE + 1];

// ---------------------------------------------------------------------------------------------- cluster

async function runClusterMode(data: Dataset, scenarios: Scenarios, environment: string[]): Promise<ModeResult> {
  log('== cluster: every app its own process (launchCluster), Kafka request/reply, PostgreSQL');
  const { cluster, run, databases, startMs, kafka, jwtSecret, gatewayPort } = await launchBenchCluster({ logLevel: APP_LOG_LEVEL, environment });

  // Seeding: the same events through SqlEventStore over the services' databases; the running catalog projects them.
  const identitySql = new PostgresSqlClient({ connectionString: pgUrl(`bench_${run}_identity`), max: 2 });
  const catalogSql = new PostgresSqlClient({ connectionString: pgUrl(`bench_${run}_catalog`), max: SEED_WRITERS + 1 });
  cleanups.push(() => identitySql.close());
  cleanups.push(() => catalogSql.close());
  log(`   seeding: ${formatCount(data.services.length)} services of ${data.isvs.length} ISVs, ${SEED_BATCH} streams per transaction, ${SEED_WRITERS} transactions at a time...`);
  const report = await seed(
    { identity: { sql: identitySql, store: new SqlEventStore(identitySql) }, catalog: { sql: catalogSql, store: new SqlEventStore(catalogSql) }, writers: SEED_WRITERS },
    data,
    (line) => log(`   ${line}`),
  );
  log(`   seeded: appends ${(report.appendMs / 1000).toFixed(1)} s, market complete after ${(report.marketMs / 1000).toFixed(1)} s`);

  const probe = await clusterCpuProbe({ cluster, kafka, databases }, 'catalog');
  log(`   background: CPU over ${IDLE_SECONDS} s with no requests...`);
  const idle = await idleCpu(probe);
  const token = await signAccessToken(jwtSecret, { accountId: 'bench-merchant', roles: [], expiresInSeconds: 3600 });
  const { phases, serial } = await runScenarios('cluster', gatewayPort, token, scenarios, probe);

  // (a) taken apart: Kafka alone, Kafka + catalog + SQL without the gateway, SQL alone.
  const diagnostics: Phase[] = [serial];
  const busLogger = createLogger('bench', 'error');
  const bus = new KafkaRequestBus(createKafka('mpp-bench-market', kafka.brokers.split(','), busLogger), `bench-market-${run}`, busLogger, REQUEST_TIMEOUT_MS);
  cleanups.push(() => deleteTopicsAndGroups(kafka.brokers, [`gateway.replies.bench-market-${run}`]));
  await bus.start();
  cleanups.push(() => bus.close());
  const actor = { accountId: 'bench-merchant', platformRoles: [] as string[] };
  const ping = () => bus.request('catalog', { type: 'bench.Ping', payload: {}, meta: { correlationId: randomUUID(), actor } }).then(
    () => ({ ok: false }),
    (error: unknown) => ({ ok: error instanceof AppError && error.code === 'UNKNOWN_REQUEST' }),
  );
  const sameIds = (ids: string[], expected: string[]) => ids.length === expected.length && ids.every((id, i) => id === expected[i]);
  const search = async (query: Query) => {
    const page = await bus.send(SEARCH_MARKET, { ...query.filters, limit: PAGE }, { correlationId: randomUUID(), actor });
    const ids = page.items.map((i) => i.serviceId);
    return { ok: sameIds(ids, query.expected!), items: ids.length };
  };
  const measured = scenarios.filtered.slice(0, QUERIES);
  await forEachConcurrent(scenarios.filtered.slice(-WARMUP), CONCURRENCY, async (q) => void (await Promise.all([ping(), search(q)])));
  log(`   diagnostics: the Kafka round trip to catalog without SQL (an unknown request type, answered by catalog's router)...`);
  diagnostics.push(await phase('Kafka round trip to catalog, no SQL', measured, () => ping(), probe));
  diagnostics.push(await phase('  the same, one at a time', measured.slice(0, SERIAL), () => ping(), probe, { concurrency: 1 }));
  log(`   diagnostics: (a) sent on Kafka by this process, without HTTP and the gateway...`);
  diagnostics.push(await phase('(a) on Kafka without the gateway', measured, search, probe));
  log(`   diagnostics: (a)'s SQL alone from a pool of ${CONCURRENCY} connections to the catalog database...`);
  const pool = new PostgresSqlClient({ connectionString: pgUrl(`bench_${run}_catalog`), max: CONCURRENCY });
  cleanups.push(() => pool.close());
  await forEachConcurrent(scenarios.filtered.slice(-WARMUP), CONCURRENCY, async (q) => void (await pool.query(MARKET_SQL, sqlParams(q.filters))));
  diagnostics.push(
    await phase(`(a) SQL alone (pool of ${CONCURRENCY}, no Kafka)`, measured, async (q) => {
      const { rows } = await pool.query<{ service_id: string }>(MARKET_SQL, sqlParams(q.filters));
      const ids = rows.slice(0, PAGE).map((r) => r.service_id);
      return { ok: sameIds(ids, q.expected!), items: ids.length };
    }, probe),
  );
  diagnostics.push(
    await phase('  the same, one at a time', measured.slice(0, SERIAL), async (q) => {
      const { rows } = await pool.query<{ service_id: string }>(MARKET_SQL, sqlParams(q.filters));
      return { ok: sameIds(rows.slice(0, PAGE).map((r) => r.service_id), q.expected!), items: Math.min(rows.length, PAGE) };
    }, probe, { concurrency: 1 }),
  );

  // Which plan (a)'s SQL gets, and how long PostgreSQL itself takes for it (one at a time).
  await explainFigures(catalogSql, scenarios, environment);
  log('   stopping the cluster...');
  return { mode: 'cluster', phases, diagnostics, seed: report, startMs, cpuGroups: ['gateway', 'catalog', 'kafka', 'postgres', 'other services'], idle };
}

const explainLines: string[] = [];

/** EXPLAIN (ANALYZE, BUFFERS) of a typical (a) query, and the execution time PostgreSQL reports across 200 of them. */
async function explainFigures(sql: SqlClient, scenarios: Scenarios, environment: string[]): Promise<void> {
  const { rows: version } = await sql.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
  environment.push(`PostgreSQL ${version[0].v} (${PG_BASE.replace(/\/\/[^@]*@/, '//')})`);
  // A typical one: the (a) query whose result count is the median.
  const order = scenarios.filteredTotals.map((total, i) => [total, i] as const).sort((x, y) => x[0] - y[0]);
  const [total, index] = order[Math.floor(order.length / 2)];
  const typical = scenarios.filtered[index];
  const { rows } = await sql.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${MARKET_SQL}`, sqlParams(typical.filters));
  explainLines.push(`(a) ${typical.path} (finds ${total} services; the median (a) query) in the cluster's catalog database:`);
  explainLines.push(`    params: ${JSON.stringify(sqlParams(typical.filters))}`);
  for (const r of rows) explainLines.push(`    ${r['QUERY PLAN']}`);

  const times: number[] = [];
  const planning: number[] = [];
  const plans = new Map<string, number>();
  for (const query of scenarios.filtered.slice(0, 200)) {
    const { rows: json } = await sql.query<{ 'QUERY PLAN': { Plan: Record<string, unknown>; 'Execution Time': number; 'Planning Time': number }[] }>(
      `EXPLAIN (ANALYZE, FORMAT JSON) ${MARKET_SQL}`,
      sqlParams(query.filters),
    );
    const plan = json[0]['QUERY PLAN'][0];
    times.push(plan['Execution Time']);
    planning.push(plan['Planning Time']);
    const shape = planShape(plan.Plan);
    plans.set(shape, (plans.get(shape) ?? 0) + 1);
  }
  explainLines.push(
    `PostgreSQL's own time for (a), 200 queries one at a time: execution p50 ${ms(percentile(times, 50))}, p99 ${ms(percentile(times, 99))}, max ${ms(Math.max(...times))}; ` +
      `planning p50 ${ms(percentile(planning, 50))}, p99 ${ms(percentile(planning, 99))} (the handler's unnamed statements are planned on every request)`,
  );
  explainLines.push('plans chosen for those 200 queries (node types, outermost first):');
  for (const [shape, n] of [...plans].sort((x, y) => y[1] - x[1])) explainLines.push(`    ${String(n).padStart(3)} x ${shape}`);
}

/** A plan's node types and indexes, outermost first: "Limit > Sort > Bitmap Heap Scan > Bitmap Index Scan(…)". */
function planShape(node: Record<string, unknown>): string {
  const name = `${node['Node Type'] as string}${node['Index Name'] ? `(${node['Index Name'] as string})` : ''}`;
  const children = (node.Plans as Record<string, unknown>[] | undefined) ?? [];
  if (children.length === 0) return name;
  if (children.length === 1) return `${name} > ${planShape(children[0])}`;
  return `${name} > [${children.map(planShape).join(' ; ')}]`;
}

// ---------------------------------------------------------------------------------------------- output

function printPhases(result: ModeResult): void {
  const header = ['scenario', 'requests', 'req/s', 'p50', 'p90', 'p99', 'max', 'items', 'KB', 'wrong'];
  const cells = [...result.phases, ...result.diagnostics].map((p) => [
    p.name,
    formatCount(p.count),
    ((p.count * 1000) / p.wallMs).toFixed(0),
    ms(percentile(p.latencies, 50)),
    ms(percentile(p.latencies, 90)),
    ms(percentile(p.latencies, 99)),
    ms(Math.max(...p.latencies)),
    p.items === undefined ? '' : p.items.toFixed(1),
    p.bytes === undefined ? '' : (p.bytes / 1024).toFixed(1),
    String(p.wrong),
  ]);
  printAligned(header, cells, result.phases.length);
}

function printCpu(result: ModeResult): void {
  const header = ['scenario (CPU ms per request)', ...result.cpuGroups, 'bench client', 'total', 'of it background', `ceiling on ${os.cpus().length} cores`, 'not ours'];
  const cells = [...result.phases, ...result.diagnostics]
    .filter((p) => p.cpu)
    .map((p) => {
      const per = (seconds: number) => (seconds * 1000) / p.count;
      const values = result.cpuGroups.map((g) => per(p.cpu!.get(g) ?? 0));
      const total = values.reduce((a, b) => a + b, 0) + per(p.clientCpuSeconds);
      // What the same processes burn in that time with no requests, spread over the requests.
      const background = result.cpuGroups.reduce((sum, g) => sum + per((result.idle?.get(g) ?? 0) * (p.wallMs / 1000)), 0);
      // The machine's busy time that none of the processes above account for: other work on a shared machine.
      const machine = p.cpu!.get(MACHINE);
      // Clamped at 0: per-process and machine-wide ticks round differently.
      const others = machine === undefined ? '' : `${Math.max(0, ((machine - (total * p.count) / 1000) / (p.wallMs / 1000)) * 100).toFixed(0)}%`;
      return [p.name, ...values.map((v) => v.toFixed(2)), per(p.clientCpuSeconds).toFixed(2), total.toFixed(2), background.toFixed(2), `${((os.cpus().length * 1000) / total).toFixed(0)} req/s`, others];
    });
  printAligned(header, cells);
  log(`  "not ours": the machine's busy CPU not used by the processes above, in % of one core (other work on a shared machine; also PostgreSQL's background processes)`);
  if (result.idle) {
    log(`  with no requests (${IDLE_SECONDS} s): ${result.cpuGroups.map((g) => `${g} ${((result.idle!.get(g) ?? 0) * 100).toFixed(1)}%`).join(', ')} of one core`);
  }
}

function printAligned(header: string[], cells: string[][], ruleAfter?: number): void {
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  log(`  ${line(header)}\n  ${rule}`);
  cells.forEach((c, i) => {
    if (ruleAfter !== undefined && i === ruleAfter) log(`  ${rule}`);
    log(`  ${line(c)}`);
  });
}

// ---------------------------------------------------------------------------------------------- main

async function main(): Promise<void> {
  const cpus = os.cpus();
  const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' / ');
  const environment = [
    `${cpus.length} cores (${cpus[0]?.model ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`,
    `load average (1/5/15 min) at start: ${load()}`,
  ];
  log('Service Market benchmark (npm run bench:market)');
  log(`settings: BENCH_CONCURRENCY=${CONCURRENCY}, BENCH_SWEEP=${SWEEP.join(',')}, BENCH_RATES=${RATES.join(',')} for ${RATE_SECONDS} s, BENCH_QUERIES=${QUERIES}, BENCH_WARMUP=${WARMUP}, BENCH_WARMUP_SECONDS=${WARMUP_SECONDS}, BENCH_SERVICES=${SERVICE_COUNT}, BENCH_ISVS=${ISV_COUNT}, BENCH_SEED=${SEED}, BENCH_SEED_BATCH=${SEED_BATCH}, BENCH_SEED_WRITERS=${SEED_WRITERS}, BENCH_VACUUM=${VACUUM ? 1 : 0}, BENCH_MODES=${MODES.join(',')}, apps' LOG_LEVEL=${APP_LOG_LEVEL}`);
  log(`note: the client, the apps, PostgreSQL and Kafka all share these ${cpus.length} cores`);

  const data = makeDataset(SEED, SERVICE_COUNT, ISV_COUNT);
  const scenarios = makeScenarios(data, QUERIES + WARMUP);
  const shares = ALL_TOPICS.map((w) => data.matches.get(w)!.length / data.services.length).sort((a, b) => a - b);
  const per = (key: (s: SeedService) => string[]) => {
    const counts = new Map<string, number>();
    data.services.forEach((s) => key(s).forEach((k) => counts.set(k, (counts.get(k) ?? 0) + 1)));
    return [...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ');
  };
  const totals = scenarios.filteredTotals.slice(0, QUERIES);
  log('');
  log(`data: ${formatCount(data.services.length)} ONLINE services of ${data.isvs.length} ISVs (largest ISV ${Math.max(...data.isvs.map((_, i) => data.services.filter((s) => s.isv === i).length))} services, smallest ${Math.min(...data.isvs.map((_, i) => data.services.filter((s) => s.isv === i).length))})`);
  log(`  industries: ${per((s) => [s.content.industry])}`);
  log(`  types: ${per((s) => [s.content.type])}; host apps (1-3 each): ${per((s) => s.content.applicableApps)}`);
  log(`  ${ALL_TOPICS.length} search words; the share of services one word finds: min ${(shares[0] * 100).toFixed(1)}%, median ${(shares[Math.floor(shares.length / 2)] * 100).toFixed(1)}%, max ${(shares[shares.length - 1] * 100).toFixed(1)}%`);
  log(
    `  (a) ${formatCount(totals.length)} queries: results found per query p50 ${percentile(totals, 50)}, p90 ${percentile(totals, 90)}, max ${Math.max(...totals)}; ` +
      `${totals.filter((t) => t === 0).length} find nothing, ${totals.filter((t) => t >= PAGE).length} fill a page of ${PAGE}`,
  );
  log(`  (b) ${scenarios.secondPageSource}`);
  log('');

  const results: ModeResult[] = [];
  for (const mode of MODES) {
    if (mode === 'standalone') results.push(await runStandaloneMode(data, scenarios));
    else if (mode === 'cluster') results.push(await runClusterMode(data, scenarios, environment));
    else throw new Error(`BENCH_MODES: unknown mode ${mode} (standalone, cluster)`);
    await runCleanups();
    log('');
  }
  environment.push(`load average (1/5/15 min) at end: ${load()}`);

  log('== Environment');
  for (const line of environment) log(`  ${line}`);
  log('');
  log('== Seeding (not part of the query figures)');
  for (const r of results) {
    log(
      `  ${r.mode.padEnd(10)}  ${formatCount(r.seed.events)} events in ${formatCount(r.seed.streams)} streams appended in ${(r.seed.appendMs / 1000).toFixed(1)} s ` +
        `(${formatCount(Math.round((r.seed.events * 1000) / r.seed.appendMs))} ev/s); all ${formatCount(SERVICE_COUNT)} on the market after ${(r.seed.marketMs / 1000).toFixed(1)} s, ` +
        `${ISV_COUNT} ISVs known after ${(r.seed.workspacesMs / 1000).toFixed(1)} s (platform start before it: ${(r.startMs / 1000).toFixed(1)} s)`,
    );
    if (r.seed.pending) log(`  ${''.padEnd(10)}  GIN pending lists the projection left: ${r.seed.pending}`);
  }
  log(
    VACUUM
      ? `  then VACUUM (ANALYZE) of market_services and known_workspaces before measuring (BENCH_VACUUM=1): merges those pending lists, as autovacuum soon would`
      : `  then only ANALYZE (BENCH_VACUUM=0): the queries below scan the GIN pending lists as the projection left them`,
  );
  for (const r of results) {
    log('');
    log(`== ${r.mode}: through the gateway, HTTP keep-alive, concurrency ${CONCURRENCY} (latency per request as the client sees it)`);
    printPhases(r);
    log('');
    log(`== ${r.mode}: CPU per request (from /proc/<pid>/stat, ${(1000 / CLK_TCK).toFixed(0)} ms ticks)`);
    printCpu(r);
  }
  if (explainLines.length) {
    log('');
    log('== EXPLAIN (ANALYZE, BUFFERS) of (a)');
    for (const line of explainLines) log(`  ${line}`);
  }
  if (mismatches.length) {
    log('');
    log('== Wrong answers (first ones)');
    for (const m of mismatches) log(`  ${m}`);
  }

  const rows: ResultRow[] = [];
  for (const r of results) {
    for (const p of r.phases) {
      const p99 = percentile(p.latencies, 99);
      const target = r.mode === 'cluster' && p.name.startsWith('(a)');
      rows.push({ backend: r.mode, figure: `${p.name.replace(/\s+/g, ' ')} p99 (${((p.count * 1000) / p.wallMs).toFixed(0)} req/s)`, value: ms(p99), target: target ? `< ${P99_TARGET_MS} ms` : '', pass: target ? p99 < P99_TARGET_MS : undefined });
    }
  }
  log('');
  log('== Results');
  printTable(rows);
  const wrong = results.flatMap((r) => [...r.phases, ...r.diagnostics]).reduce((n, p) => n + p.wrong, 0);
  if (wrong > 0) {
    log(`\n${wrong} answers were not the expected page: the figures are not valid`);
    process.exitCode = 1;
  }
}

if (process.argv.includes(CHILD_FLAG)) {
  void standaloneChild();
} else {
  runBench('bench:market', main);
}
