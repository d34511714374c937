// GET /metrics: the gateway's metrics in Prometheus text format.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WharfMetrics } from '../observability/metrics.js';
import { sendError } from './respond.js';

export function metricsRoute(metrics: WharfMetrics) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    metrics.registry.metrics().then(
      (text) => {
        res.writeHead(200, { 'content-type': metrics.registry.contentType, 'content-length': Buffer.byteLength(text) });
        res.end(req.method === 'HEAD' ? undefined : text);
      },
      () => sendError(res, 'INTERNAL_SERVER_ERROR', 'The metrics could not be collected'),
    );
  };
}
