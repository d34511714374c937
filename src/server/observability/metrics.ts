// Prometheus metrics in a registry of the app's own: GraphQL operations, engine requests, open subscriptions and upstream streams; served by http/metrics.ts.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Distinct operation names kept as label values; later ones are counted as "other". */
export const MAX_OPERATION_NAMES = 100;
const MAX_NAME_LENGTH = 100;

/** Queries take milliseconds, subscriptions may stay open for hours. */
const OPERATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800, 3600];
/** Up to a stop that waits out its timeout. */
const ENGINE_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

export interface OperationSample {
  name: string;
  /** query, mutation, subscription, or unknown for a document that did not parse. */
  type: string;
  /** "ok", or the error code the operation ended with. */
  outcome: string;
  seconds: number;
}

export interface MetricsOptions {
  /** Also the process's CPU, memory, event loop and GC (prom-client's default metrics); for the one app of a process. */
  processMetrics?: boolean;
}

export class WharfMetrics {
  /** Never the global registry: several apps may live in one process (the tests start many). */
  readonly registry = new Registry();
  private readonly names = new Set<string>();
  private readonly operations = new Counter({
    name: 'wharf_graphql_operations_total',
    help: 'GraphQL operations finished, by operation name, type and outcome ("ok" or the error code)',
    labelNames: ['operation', 'type', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly operationSeconds = new Histogram({
    name: 'wharf_graphql_operation_duration_seconds',
    help: 'How long GraphQL operations took, from parse to result (subscriptions: until they ended)',
    labelNames: ['operation', 'type', 'outcome'] as const,
    buckets: OPERATION_BUCKETS,
    registers: [this.registry],
  });
  private readonly engineRequests = new Counter({
    name: 'wharf_engine_requests_total',
    help: 'Requests to the Docker engines, by engine, method, endpoint template and status ("error" when no answer came)',
    labelNames: ['engine', 'method', 'endpoint', 'status'] as const,
    registers: [this.registry],
  });
  private readonly engineSeconds = new Histogram({
    name: 'wharf_engine_request_duration_seconds',
    help: "Time to the Docker engine's response headers, by engine, method, endpoint template and status",
    labelNames: ['engine', 'method', 'endpoint', 'status'] as const,
    buckets: ENGINE_BUCKETS,
    registers: [this.registry],
  });
  private readonly subscriptions = new Gauge({
    name: 'wharf_open_subscriptions',
    help: 'GraphQL subscriptions open now, over WebSocket and SSE',
    registers: [this.registry],
  });
  private readonly upstreamStreams = new Gauge({
    name: 'wharf_open_upstream_streams',
    help: 'Streaming responses from the Docker engines open now (log follows, stats, events, exports), by engine',
    labelNames: ['engine'] as const,
    registers: [this.registry],
  });

  private readonly directOperations = new Counter({
    name: 'wharf_graphql_direct_operations_total',
    help: "GraphQL operations answered without Yoga's HTTP layer: known queries and mutations POSTed as JSON",
    registers: [this.registry],
  });

  constructor(options: MetricsOptions = {}) {
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry });
  }

  /** The label for an operation name: the name itself for the first MAX_OPERATION_NAMES seen, "other" after. */
  operationLabel(name: string): string {
    const label = name.slice(0, MAX_NAME_LENGTH);
    if (this.names.has(label)) return label;
    if (this.names.size >= MAX_OPERATION_NAMES) return 'other';
    this.names.add(label);
    return label;
  }

  operationFinished(sample: OperationSample): void {
    const labels = { operation: this.operationLabel(sample.name), type: sample.type, outcome: sample.outcome };
    this.operations.inc(labels);
    this.operationSeconds.observe(labels, sample.seconds);
  }

  /** One engine request; `endpoint` is the template its caller named (`/containers/{id}/json`). */
  engineRequest(event: { engine: string; method: string; endpoint: string; status: number | 'error'; ms: number }): void {
    const labels = { engine: event.engine, method: event.method, endpoint: event.endpoint, status: String(event.status) };
    this.engineRequests.inc(labels);
    this.engineSeconds.observe(labels, event.ms / 1000);
  }

  directOperation(): void {
    this.directOperations.inc();
  }

  subscriptionOpened(): void {
    this.subscriptions.inc();
  }

  subscriptionClosed(): void {
    this.subscriptions.dec();
  }

  upstreamStream(event: { engine: string; open: boolean }): void {
    if (event.open) this.upstreamStreams.inc({ engine: event.engine });
    else this.upstreamStreams.dec({ engine: event.engine });
  }
}
