import { z } from 'zod';
import { channelRef } from '../config/channel-ref.js';
import { isUserError } from '../errors.js';
import { parseMatcher } from './matchers.js';
import { parseDuration } from '../time.js';

const channel = channelRef;

const matcherText = z.string().refine((text) => accepts(() => parseMatcher(text)), {
  message: 'must be a label matcher such as severity=critical, env!=staging or service=~"api|web"',
});

const duration = z.string().refine((text) => accepts(() => parseDuration(text)), { message: 'must be a duration such as 15m, 2h or 1d' });

export const alertRouteSchema = z
  .object({
    /** Every matcher must hold; an empty list matches everything. */
    match: z.array(matcherText).default([]),
    channel,
    /** Keep looking for more routes after this one matched (the group goes to each). */
    continue: z.boolean().default(false),
    /** Names the route, so an on-call schedule can cover it (`oncall.schedules.<name>.routes`). */
    name: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, { message: 'route names are lower-case letters, digits and -' }).optional(),
    /** The escalation policy of groups this route takes; it wins over the service's and the default. */
    policy: z.string().optional(),
  })
  .strict();

const toneSchema = z.enum(['neutral', 'info', 'success', 'warning', 'danger']);

export const severityStyleSchema = z.object({
  tone: toneSchema,
  /** People by name, or `role:<name>` for everyone holding a role. */
  mention: z.array(z.string()).default([]),
});

const DEFAULT_SEVERITIES = {
  critical: { tone: 'danger' as const, mention: [] },
  warning: { tone: 'warning' as const, mention: [] },
  info: { tone: 'info' as const, mention: [] },
};

export const alertsConfigSchema = z
  .object({
    /** Which labels name the service, the environment and the severity. */
    labels: z
      .object({ service: z.string().default('service'), env: z.string().default('env'), severity: z.string().default('severity') })
      .default({ service: 'service', env: 'env', severity: 'severity' }),
    /** Label matchers to channels, first match wins unless `continue`; then the service's channel, then channels.alerts. */
    routes: z.array(alertRouteSchema).default([]),
    severities: z.record(z.string(), severityStyleSchema).default(DEFAULT_SEVERITIES),
    /** An unacknowledged group of these severities is re-notified after `renotifyAfter`. */
    renotifySeverities: z.array(z.string()).default(['critical']),
    renotifyAfter: duration.default('15m'),
    /** Mentioned on re-notify: people by name or `role:<name>`. */
    onCall: z.array(z.string()).default([]),
    /** Choices on the Silence button. */
    silenceDurations: z.array(duration).min(1).default(['1h', '4h', '1d']),
    /** More new groups than this in one channel within a minute turn into one digest. */
    stormThreshold: z.number().int().min(1).default(10),
    /** How often to compare with Alertmanager's active alerts, when its URL is configured. */
    reconcileEvery: duration.default('5m'),
    /** Grafana's HMAC timestamp header, when one is configured on the contact point. */
    grafanaTimestampHeader: z.string().optional(),
  })
  .strict();

export type AlertsConfig = z.infer<typeof alertsConfigSchema>;

function accepts(fn: () => unknown): boolean {
  try {
    fn();
    return true;
  } catch (err) {
    if (isUserError(err)) return false;
    throw err;
  }
}
