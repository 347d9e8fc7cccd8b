import { createServer, Server } from 'node:http';
import { collectProcessMetrics, metricsRegistry } from '@mpp/platform';

/**
 * A bare HTTP endpoint for processes that serve no API (the services): /health/live and /health/ready, for
 * container healthchecks and the cluster launcher, and /metrics for Prometheus.
 */
export function startHealthServer(port: number, isReady: () => boolean): Promise<Server> {
  collectProcessMetrics();
  const server = createServer((req, res) => {
    if (req.url === '/metrics') {
      metricsRegistry.metrics().then(
        (body) => res.writeHead(200, { 'content-type': metricsRegistry.contentType }).end(body),
        () => res.writeHead(500).end(),
      );
      return;
    }
    const ready = isReady();
    const status = req.url === '/health/live' ? 200 : req.url === '/health/ready' ? (ready ? 200 : 503) : 404;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: status === 200 ? 'ok' : status === 404 ? 'not found' : 'starting' }));
  });
  return new Promise((resolve) => server.listen(port, '0.0.0.0', () => resolve(server)));
}
