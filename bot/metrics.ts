import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Every metric dayops exports, on a registry of its own (never prom-client's global one), made
 * once at start-up and passed to what records into it. docs/scaling.md says what each means.
 */
export interface Metrics {
  registry: Registry;
  commands: Counter<'kind' | 'command' | 'outcome'>;
  commandSeconds: Histogram<'kind' | 'command'>;
  alertsReceived: Counter<'source'>;
  alertGroupsOpened: Counter;
  outboxDeliverySeconds: Histogram<'platform' | 'op'>;
  chatErrors: Counter<'platform' | 'kind'>;
  undeliverable: Counter<'platform' | 'reason'>;
  rateLimitWaits: Counter<'platform'>;
  rateLimitWaitSeconds: Counter<'platform'>;
  deployments: Counter<'outcome'>;
  deploymentSeconds: Histogram<'outcome'>;
  jobsFired: Counter<'type' | 'late'>;
  remindersFired: Counter;
  remindersLate: Counter;
  /** Where the outbox depth gauge reads from at scrape time (the outbox, once it exists). */
  setOutboxDepthSource(source: () => Promise<number>): void;
  /** Where the store's count of transactions run again after a conflict is read (PostgreSQL). */
  setStoreRetrySource(source: () => number): void;
}

export interface MetricsOptions {
  /** Process metrics (CPU, memory, event-loop lag, handles); off in tests that count exactly. */
  processMetrics?: boolean;
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const DELIVERY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];
const DEPLOY_BUCKETS = [5, 15, 30, 60, 120, 300, 600, 1200, 3600];

/** How long a scrape waits for the outbox depth before it reports the last value. */
const DEPTH_READ_MS = 1000;

function withinMs<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The job type the reminders feature fires (bot/reminders/keys.ts). */
const REMINDER_JOB = 'reminder.fire';

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'dayops_' });
  const registers = [registry];
  let depthSource: (() => Promise<number>) | undefined;
  // One read per scrape, shared by both gauges; a scrape never waits on, or fails with, the store.
  let reading: Promise<number | undefined> | undefined;
  const readDepth = () => {
    if (!depthSource) return Promise.resolve(undefined);
    reading ??= withinMs(depthSource(), DEPTH_READ_MS)
      .catch(() => undefined)
      .finally(() => (reading = undefined));
    return reading;
  };
  new Gauge({
    name: 'dayops_store_reachable',
    help: '1 when the store answered the outbox read of this scrape in time, 0 when it did not.',
    registers,
    async collect() {
      if (depthSource) this.set((await readDepth()) === undefined ? 0 : 1);
    },
  });
  new Gauge({
    name: 'dayops_outbox_depth',
    help: 'Messages queued in the outbox and not yet delivered (the last value read while the store does not answer).',
    registers,
    async collect() {
      const depth = await readDepth();
      if (depth !== undefined) this.set(depth);
    },
  });
  let retrySource: (() => number) | undefined;
  let retriesSeen = 0;
  new Counter({
    name: 'dayops_store_retries_total',
    help: 'Store transactions run again after a deadlock or serialization failure (PostgreSQL; rare under READ COMMITTED with row locks).',
    registers,
    collect() {
      if (!retrySource) return;
      const now = retrySource();
      if (now > retriesSeen) this.inc(now - retriesSeen);
      retriesSeen = now;
    },
  });
  return {
    registry,
    commands: new Counter({ name: 'dayops_commands_total', help: 'Commands, buttons and thread replies handled, by name and outcome.', labelNames: ['kind', 'command', 'outcome'], registers }),
    commandSeconds: new Histogram({ name: 'dayops_command_duration_seconds', help: 'Time from an input reaching the router to its reply.', labelNames: ['kind', 'command'], buckets: LATENCY_BUCKETS, registers }),
    alertsReceived: new Counter({ name: 'dayops_alerts_received_total', help: 'Alert changes received from monitoring sources.', labelNames: ['source'], registers }),
    alertGroupsOpened: new Counter({ name: 'dayops_alert_groups_opened_total', help: 'Alert groups opened (alerts grouped into one message).', registers }),
    outboxDeliverySeconds: new Histogram({ name: 'dayops_outbox_delivery_seconds', help: 'Time from a message being queued to its delivery.', labelNames: ['platform', 'op'], buckets: DELIVERY_BUCKETS, registers }),
    chatErrors: new Counter({ name: 'dayops_chat_api_errors_total', help: 'Failed chat API calls, by platform and whether they will be retried.', labelNames: ['platform', 'kind'], registers }),
    undeliverable: new Counter({ name: 'dayops_undeliverable_messages_total', help: 'Messages a chat platform refused for good (dropped, recorded and announced), by platform and reason.', labelNames: ['platform', 'reason'], registers }),
    rateLimitWaits: new Counter({ name: 'dayops_chat_rate_limit_waits_total', help: 'Times a chat platform asked dayops to wait.', labelNames: ['platform'], registers }),
    rateLimitWaitSeconds: new Counter({ name: 'dayops_chat_rate_limit_wait_seconds_total', help: 'Seconds chat platforms asked dayops to wait.', labelNames: ['platform'], registers }),
    deployments: new Counter({ name: 'dayops_deployments_total', help: 'Deployments that ended, by outcome.', labelNames: ['outcome'], registers }),
    deploymentSeconds: new Histogram({ name: 'dayops_deployment_duration_seconds', help: 'Deployment run time from start to end, by outcome.', labelNames: ['outcome'], buckets: DEPLOY_BUCKETS, registers }),
    jobsFired: new Counter({ name: 'dayops_jobs_fired_total', help: 'Scheduled jobs fired, by type and whether they were late.', labelNames: ['type', 'late'], registers }),
    remindersFired: new Counter({ name: 'dayops_reminders_fired_total', help: 'Reminders fired.', registers }),
    remindersLate: new Counter({ name: 'dayops_reminders_late_total', help: 'Reminders fired more than a minute after their time.', registers }),
    setOutboxDepthSource(source) {
      depthSource = source;
    },
    setStoreRetrySource(source) {
      retrySource = source;
      retriesSeen = 0;
    },
  };
}

/** A job committed by the scheduler. */
export function recordJobFired(metrics: Metrics, type: string, late: boolean): void {
  metrics.jobsFired.inc({ type, late: String(late) });
  if (type !== REMINDER_JOB) return;
  metrics.remindersFired.inc();
  if (late) metrics.remindersLate.inc();
}
