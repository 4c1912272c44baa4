import { Webhooks } from '@octokit/webhooks';
import type { z } from 'zod';
import type { Ops } from '../../bot/ops.js';
import { parseDuration } from '../../bot/time.js';
import { recordRefusal } from '../../bot/refusal-audit.js';
import type { HttpRequest, HttpResponse, Precheck, RouteHandler } from '../http/types.js';
import type { GitHubGateEngine } from './gate-engine.js';
import { deploymentStatusEvent, protectionRuleEvent, workflowRunEvent } from './payloads.js';
import { onProtectionRule } from './protection-rule.js';
import { onDeploymentStatus, onWorkflowRun } from './run-events.js';

/** Reads one event's payload, refuses it when stale, and hands it on. */
type EventHandler = (ops: Ops, engine: GitHubGateEngine, delivery: string, raw: unknown) => Promise<HttpResponse>;

function on<S extends z.ZodType>(name: string, schema: S, timeOf: (p: z.output<S>) => string, handle: (ops: Ops, engine: GitHubGateEngine, delivery: string, p: z.output<S>) => Promise<HttpResponse>): EventHandler {
  return async (ops, engine, delivery, raw) => {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return refuse(400, 'bad_request', `The ${name} payload is not one dayops can read: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'body'} ${i.message}`).join('; ')}.`);
    const at = timeOf(parsed.data);
    // GitHub's headers carry no time, so the event's own time says how old a delivery is.
    if (!(ops.clock.now().getTime() - Date.parse(at) <= parseDuration(ops.config.github.maxDeliveryAge))) {
      return refuse(400, 'stale', `This ${name} delivery is from ${at}, older than github.maxDeliveryAge (${ops.config.github.maxDeliveryAge}); it is not acted on.`);
    }
    return handle(ops, engine, delivery, parsed.data);
  };
}

const EVENTS: Record<string, EventHandler> = {
  deployment_protection_rule: on('deployment_protection_rule', protectionRuleEvent, (p) => p.deployment.created_at, (ops, _e, d, p) => onProtectionRule(ops, d, p)),
  deployment_status: on('deployment_status', deploymentStatusEvent, (p) => p.deployment_status.updated_at, onDeploymentStatus),
  workflow_run: on('workflow_run', workflowRunEvent, (p) => p.workflow_run.updated_at, onWorkflowRun),
};

/**
 * POST /webhooks/github. Verifies X-Hub-Signature-256 (@octokit/webhooks), refuses stale and
 * replayed deliveries, and answers as soon as the store has the change: everything that talks
 * back to GitHub goes through the outbox, well inside GitHub's ten seconds.
 */
export function githubWebhookRoute(ops: Ops, engine: GitHubGateEngine): RouteHandler {
  const secret = ops.config.secrets.githubApp?.webhookSecret;
  const webhooks = secret ? new Webhooks({ secret }) : undefined;
  return async (req) => {
    if (!webhooks) return refuse(503, 'not_configured', 'GITHUB_WEBHOOK_SECRET is not set, so dayops cannot verify GitHub webhooks.');
    const signature = req.headers['x-hub-signature-256'];
    if (!signature) return refuse(401, 'unauthorized', 'The X-Hub-Signature-256 header is missing.');
    if (!(await verified(webhooks, req, signature))) return refuse(401, 'unauthorized', 'X-Hub-Signature-256 does not match the body and GITHUB_WEBHOOK_SECRET.');
    const name = req.headers['x-github-event'];
    const delivery = req.headers['x-github-delivery'];
    if (!name || !delivery) return refuse(400, 'bad_request', 'The X-GitHub-Event and X-GitHub-Delivery headers are required.');
    if (name === 'ping') return { status: 200, body: { ok: true } };
    const handle = EVENTS[name];
    if (!handle) return { status: 202, body: { accepted: true, ignored: `dayops does not act on ${name} events` } };
    const response = await handle(ops, engine, delivery, json(req.rawBody));
    // The signature held, so this is GitHub (or its replay) being refused: it goes on the audit log.
    if (response.status === 400 || response.status === 409) {
      const reason = (response.body as { message?: string } | undefined)?.message ?? 'the delivery was refused';
      await recordRefusal(ops, { actor: { platform: 'github', userId: 'webhook' }, platform: 'github', action: `github.${name}`, target: delivery, reason, at: ops.clock.now() });
    }
    return response;
  };
}

/** Refuses on headers alone, before the body is read: no secret configured, or no signature sent. */
export function githubWebhookPrecheck(ops: Ops): Precheck {
  return (req) => {
    if (!ops.config.secrets.githubApp?.webhookSecret) return refuse(503, 'not_configured', 'GITHUB_WEBHOOK_SECRET is not set, so dayops cannot verify GitHub webhooks.');
    if (!req.headers['x-hub-signature-256']) return refuse(401, 'unauthorized', 'The X-Hub-Signature-256 header is missing.');
    return undefined;
  };
}

async function verified(webhooks: Webhooks, req: HttpRequest, signature: string): Promise<boolean> {
  try {
    return await webhooks.verify(req.rawBody.toString('utf8'), signature);
  } catch {
    // A malformed signature header is a failed check, not a bug.
    return false;
  }
}

function json(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

function refuse(status: number, error: string, message: string): HttpResponse {
  return { status, body: { error, message } };
}
