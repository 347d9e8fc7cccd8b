import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { parse } from 'yaml';

// The compose profile `observability` as a user would check it: every app scraped where it serves /metrics, the
// profile's services and their mounted configs, the dashboard's queries and its provisioning.

const root = path.resolve(__dirname, '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
// Compose files use YAML merge keys (`<<: *app`).
const readYaml = <T>(file: string): T => parse(read(file), { merge: true }) as T;

interface ComposeService {
  image?: string;
  build?: unknown;
  profiles?: string[];
  environment?: Record<string, string | number | boolean | null>;
  volumes?: string[];
  depends_on?: string[] | Record<string, unknown>;
}
interface Compose {
  services: Record<string, ComposeService>;
}
interface PrometheusConfig {
  global: { scrape_interval: string };
  scrape_configs: { job_name: string; metrics_path?: string; scrape_interval?: string; static_configs: { targets: string[]; labels?: Record<string, string> }[] }[];
}
interface Datasource {
  name: string;
  type: string;
  uid: string;
  url: string;
}
interface Target {
  expr?: string;
  datasource?: { type?: string; uid?: string };
}
interface Panel {
  type: string;
  title: string;
  datasource?: { type?: string; uid?: string };
  targets?: Target[];
  panels?: Panel[];
}
interface Dashboard {
  uid: string;
  schemaVersion: number;
  panels: Panel[];
}

const compose = readYaml<Compose>('docker-compose.yml');
const prometheus = readYaml<PrometheusConfig>('observability/prometheus.yml');
const datasources = readYaml<{ datasources: Datasource[] }>('observability/grafana/provisioning/datasources/datasources.yaml').datasources;
const dashboardFile = 'observability/grafana/dashboards/mpp.json';

const OBSERVABILITY = ['otel-collector', 'jaeger', 'prometheus', 'grafana'];
const services = Object.entries(compose.services);
// The apps are the services built from this repo's Dockerfile.
const apps = services.filter(([, s]) => s.build !== undefined);

const scrapeTargets = prometheus.scrape_configs.flatMap((job) =>
  job.static_configs.flatMap((c) => c.targets.map((target) => ({ job, target, labels: c.labels ?? {} }))),
);

/** host:container[:ro] of a compose short-syntax volume. */
const mounts = (s: ComposeService) =>
  (s.volumes ?? []).map((v) => {
    const [source, target, mode] = v.split(':');
    return { source, target, mode };
  });

const dependsOn = (s: ComposeService) => (Array.isArray(s.depends_on) ? s.depends_on : Object.keys(s.depends_on ?? {}));

/** The metric names a PromQL expression selects (not functions, keywords, labels or Grafana variables). */
function metricNames(expr: string): string[] {
  const KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'inf', 'nan']);
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names: string[] = [];
  for (const m of bare.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)) {
    const before = bare[m.index - 1] ?? ' ';
    const after = bare.slice(m.index + m[0].length);
    if (/[0-9.$]/.test(before) || /^\s*\(/.test(after) || KEYWORDS.has(m[0].toLowerCase())) continue;
    names.push(m[0]);
  }
  return names;
}

/** The series names a metric produces: a histogram's _bucket, _sum and _count. */
const seriesOf = (name: string, type: string) => (type === 'histogram' ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name]);

const MPP_METRICS: [string, string][] = [
  ['mpp_projection_lag_events', 'gauge'],
  ['mpp_projection_lag_seconds', 'gauge'],
  ['mpp_dead_letters', 'gauge'],
  ['mpp_kafka_consumer_lag', 'gauge'],
  ['mpp_request_duration_seconds', 'histogram'],
  ['mpp_events_appended_total', 'counter'],
  ['mpp_webhook_deliveries_total', 'counter'],
  ['mpp_webhook_delivery_duration_seconds', 'histogram'],
  ['http_request_duration_seconds', 'histogram'],
];

function promClientDefaults(): [string, string][] {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry.getMetricsAsArray().map((m) => [m.name, String(m.type)]);
}

function allPanels(panels: Panel[]): Panel[] {
  return panels.flatMap((p) => [p, ...allPanels(p.panels ?? [])]);
}

describe('metricNames', () => {
  it('finds the selected metrics only', () => {
    expect(metricNames('histogram_quantile(0.99, sum by (type, le) (rate(a_bucket{app=~"$app", x!="y{"}[$__rate_interval])))')).toEqual(['a_bucket']);
    expect(metricNames('sum(rate(a_total[5m])) by (le) / on (x) group_left (y) b > bool 1e3')).toEqual(['a_total', 'b']);
  });
});

describe('docker-compose.yml', () => {
  it('has the apps built from this repo', () => {
    expect(apps.map(([name]) => name)).toEqual(expect.arrayContaining(['catalog', 'gateway', 'identity', 'insights', 'integrations', 'miniprograms', 'ordering']));
  });

  it.each(apps)('%s sends traces only when OTEL_EXPORTER_OTLP_ENDPOINT is set', (_name, app) => {
    expect(app.environment?.OTEL_EXPORTER_OTLP_ENDPOINT).toBe('${OTEL_EXPORTER_OTLP_ENDPOINT:-}');
    expect(app.profiles).toBeUndefined();
  });

  it.each(OBSERVABILITY)('%s is in the observability profile, on a pinned image', (name) => {
    const service = compose.services[name];
    expect(service).toBeDefined();
    expect(service.profiles).toEqual(['observability']);
    expect(service.image).toMatch(/^[a-z0-9./-]+:v?\d+\.\d+\.\d+$/);
  });

  it('starts nothing of the profile without --profile observability', () => {
    for (const [name, service] of services) {
      if (OBSERVABILITY.includes(name)) continue;
      expect({ name, profiles: service.profiles }).toEqual({ name, profiles: undefined });
      expect({ name, dependsOn: dependsOn(service).filter((d) => OBSERVABILITY.includes(d)) }).toEqual({ name, dependsOn: [] });
    }
  });

  it('mounts the observability configs read-only from files in the repo', () => {
    const mounted = OBSERVABILITY.flatMap((name) => mounts(compose.services[name]).filter((m) => m.source.startsWith('./observability/')));
    expect(mounted.map((m) => m.source).sort()).toEqual([
      './observability/grafana/dashboards',
      './observability/grafana/provisioning/dashboards',
      './observability/grafana/provisioning/datasources',
      './observability/otel-collector.yaml',
      './observability/prometheus.yml',
    ]);
    for (const m of mounted) {
      expect({ source: m.source, exists: existsSync(path.join(root, m.source)), mode: m.mode }).toEqual({ source: m.source, exists: true, mode: 'ro' });
    }
  });
});

describe('observability/prometheus.yml', () => {
  it.each(apps)('scrapes %s where it serves /metrics (the health port; the gateway: its HTTP port), labelled app', (name, app) => {
    const port = app.environment?.HEALTH_PORT ?? app.environment?.PORT;
    expect(Number(port)).toBeGreaterThan(0);
    const scraped = scrapeTargets.filter((t) => t.target === `${name}:${port}`);
    expect(scraped).toHaveLength(1);
    expect(scraped[0].labels.app).toBe(name);
    expect(scraped[0].job.metrics_path ?? '/metrics').toBe('/metrics');
  });

  it('scrapes nothing that compose does not run, every 5 s', () => {
    for (const { target } of scrapeTargets) expect(Object.keys(compose.services)).toContain(target.split(':')[0]);
    expect(prometheus.global.scrape_interval).toBe('5s');
    for (const job of prometheus.scrape_configs) expect(job.scrape_interval ?? '5s').toBe('5s');
  });
});

describe('observability/otel-collector.yaml', () => {
  const collector = readYaml<{
    receivers: { otlp: { protocols: { http: { endpoint: string }; grpc: { endpoint: string } } } };
    exporters: Record<string, { endpoint: string }>;
    service: { pipelines: { traces: { receivers: string[]; exporters: string[] } } };
  }>('observability/otel-collector.yaml');

  it('takes OTLP on 4318 (http, what the apps send) and 4317 (grpc) from the network', () => {
    expect(collector.receivers.otlp.protocols.http.endpoint).toBe('0.0.0.0:4318');
    expect(collector.receivers.otlp.protocols.grpc.endpoint).toBe('0.0.0.0:4317');
    expect(collector.service.pipelines.traces.receivers).toContain('otlp');
  });

  it('exports the traces to the jaeger service over OTLP', () => {
    const exporters = collector.service.pipelines.traces.exporters;
    expect(exporters.length).toBeGreaterThan(0);
    for (const name of exporters) {
      expect(name).toMatch(/^otlp(\/|$)/);
      expect(collector.exporters[name].endpoint).toBe('jaeger:4317');
    }
    expect(compose.services.jaeger).toBeDefined();
  });
});

describe('Grafana', () => {
  const grafana = compose.services.grafana;
  const containerPathOnHost = (containerPath: string) => {
    const m = mounts(grafana).find((v) => containerPath === v.target || containerPath.startsWith(`${v.target}/`));
    return m && path.join(root, m.source, path.relative(m.target, containerPath));
  };

  it('provisions Prometheus and Jaeger from their compose services', () => {
    expect(datasources.map((d) => [d.type, d.uid, d.url])).toEqual([
      ['prometheus', 'prometheus', 'http://prometheus:9090'],
      ['jaeger', 'jaeger', 'http://jaeger:16686'],
    ]);
  });

  it('provisions the dashboard from the folder that holds mpp.json', () => {
    const providers = readYaml<{ providers: { type: string; options: { path: string } }[] }>('observability/grafana/provisioning/dashboards/dashboards.yaml').providers;
    expect(providers).toHaveLength(1);
    const folder = containerPathOnHost(providers[0].options.path);
    expect(folder).toBe(path.join(root, path.dirname(dashboardFile)));
    expect(statSync(path.join(folder!, 'mpp.json')).isFile()).toBe(true);
    expect(containerPathOnHost(String(grafana.environment?.GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH))).toBe(path.join(root, dashboardFile));
  });

  describe('the dashboard', () => {
    const dashboard = JSON.parse(read(dashboardFile)) as Dashboard;
    const queried = allPanels(dashboard.panels).filter((p) => p.targets?.length);
    const allowed = new Set([...MPP_METRICS, ...promClientDefaults()].flatMap(([name, type]) => seriesOf(name, type)));
    const prometheusUid = datasources.find((d) => d.type === 'prometheus')!.uid;

    it('is a current Grafana dashboard', () => {
      expect(dashboard.uid).toBeTruthy();
      expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
      expect(queried.length).toBeGreaterThanOrEqual(12);
    });

    it('queries the provisioned Prometheus in every panel', () => {
      for (const panel of queried) {
        expect({ panel: panel.title, uid: panel.datasource?.uid }).toEqual({ panel: panel.title, uid: prometheusUid });
        for (const target of panel.targets!) expect({ panel: panel.title, uid: target.datasource?.uid ?? prometheusUid }).toEqual({ panel: panel.title, uid: prometheusUid });
      }
    });

    it('names only the metrics the apps expose', () => {
      for (const panel of queried) {
        for (const target of panel.targets!) {
          const names = metricNames(target.expr ?? '');
          expect({ panel: panel.title, names: names.length > 0 }).toEqual({ panel: panel.title, names: true });
          expect({ panel: panel.title, unknown: names.filter((n) => !allowed.has(n)) }).toEqual({ panel: panel.title, unknown: [] });
        }
      }
    });

    it('shows every platform metric', () => {
      const used = new Set(queried.flatMap((p) => p.targets!.flatMap((t) => metricNames(t.expr ?? ''))));
      for (const [name, type] of MPP_METRICS) expect({ name, shown: seriesOf(name, type).some((s) => used.has(s)) }).toEqual({ name, shown: true });
      expect(used).toContain('process_resident_memory_bytes');
      expect(used).toContain('nodejs_eventloop_lag_seconds');
    });
  });
});
