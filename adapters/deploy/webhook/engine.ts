import type { Logger } from 'pino';
import type { z } from 'zod';
import { UserError } from '../../../bot/errors.js';
import type { HttpRequest, HttpResponse } from '../../http/types.js';
import { jobSpec, specAs, webhookSpec } from '../engine-config.js';
import type { DeployEngine, Emit, EngineJob, EngineRef } from '../../../bot/deployments/engine.js';
import { ActiveRuns, type ActiveRun } from '../remote/active-runs.js';
import { pollLoop, runInBackground, type PollFailure } from '../remote/poll-loop.js';
import { DEFAULT_TIMING, withTimeout, type RemoteTiming } from '../remote/timing.js';
import { eventsOf, webhookReport } from './report.js';
import { headerRefusal, MAX_SKEW_SECONDS, signedHeaders, verify } from './signature.js';

type WebhookSpec = z.infer<typeof webhookSpec>;

export interface WebhookEngineOptions {
  /** Where the deploy service reaches the bot (config publicUrl, else the HTTP server's address). */
  publicUrl: string;
  /** Config secrets `engineSecrets`: the values of the variables specs name in `secretEnv`. */
  secrets: Readonly<Record<string, string>>;
  log: Logger;
  now?: () => Date;
  timing?: Partial<RemoteTiming>;
  /**
   * With replicas, a callback may reach a process that does not follow the run: this finds the
   * run in the shared store and where its events go, or undefined when it is not waiting.
   */
  adopt?: (id: string) => Promise<{ job: EngineJob; emit: Emit } | undefined>;
  /** Records a callback's signature once across every replica: false when it was seen before. */
  claimOnce?: (signature: string) => Promise<boolean>;
}

class WebhookHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Starts a deployment by POSTing to a deploy service, which reports back with signed callbacks
 * (POST /api/deployments/:id/events) or answers on a status URL that is polled.
 */
export class WebhookEngine implements DeployEngine {
  readonly type = 'webhook' as const;
  private readonly runs: ActiveRuns;
  private readonly timing: RemoteTiming;
  /** Signatures seen within the replay window: a redelivered callback is acknowledged, not applied twice. */
  private readonly seen = new Map<string, number>();

  constructor(private readonly options: WebhookEngineOptions) {
    this.runs = new ActiveRuns(options.log);
    this.timing = { ...DEFAULT_TIMING, ...options.timing };
  }

  async start(job: EngineJob, emit: Emit): Promise<EngineRef> {
    const spec = specOf(job);
    const run = this.runs.open(job, emit);
    const secret = this.options.secrets[spec.secretEnv];
    if (!secret) {
      run.emit({ type: 'status', status: 'failed', message: `${spec.secretEnv} is not set, so dayops cannot sign the deploy webhook or check its callbacks.` });
      return {};
    }
    const body = { id: job.id, service: job.service, env: job.env, version: job.version, purpose: job.purpose, args: job.args ?? {}, callbackUrl: this.callbackUrl(job.id) };
    let answer: unknown;
    try {
      answer = await this.send('POST', spec.url, secret, run.signal, body);
    } catch (err) {
      // Not retried: the deploy service may have started already.
      run.emit({ type: 'status', status: 'failed', message: `The deploy webhook did not start the deployment: ${(err as Error).message}` });
      return {};
    }
    const report = webhookReport.safeParse(answer ?? {});
    const url = report.success ? report.data.url : undefined;
    run.emit({ type: 'status', status: 'running', message: 'The deploy webhook accepted the deployment.', ...(url ? { url } : {}) });
    if (spec.statusUrl) this.poll(run, spec, secret);
    return { startedAt: this.now().toISOString() };
  }

  async follow(job: EngineJob, _ref: EngineRef, emit: Emit): Promise<void> {
    const spec = specOf(job);
    const run = this.runs.open(job, emit);
    const secret = this.options.secrets[spec.secretEnv];
    if (!secret) {
      run.emit({ type: 'status', status: 'failed', message: `${spec.secretEnv} is not set, so dayops cannot follow the deploy webhook.` });
      return;
    }
    // Without a status URL the run is followed by its callbacks, which now find it registered again.
    if (spec.statusUrl) this.poll(run, spec, secret);
  }

  /** POSTs the cancel request; the deploy service then reports `halted` (or how it ended). */
  async halt(job: EngineJob, _ref: EngineRef): Promise<void> {
    const spec = specOf(job);
    if (!spec.cancelUrl) throw new UserError('unavailable', `The deploy webhook of ${job.service} has no cancelUrl, so dayops cannot stop ${job.id}; stop it where it runs.`);
    const secret = this.options.secrets[spec.secretEnv];
    if (!secret) throw new UserError('unavailable', `${spec.secretEnv} is not set, so dayops cannot sign the cancel request.`);
    const active = this.runs.get(job.id);
    if (active) active.halting = true;
    try {
      await this.send('POST', fill(spec.cancelUrl, job), secret, active?.signal ?? new AbortController().signal, { id: job.id, service: job.service, env: job.env });
    } catch (err) {
      throw new UserError('unavailable', `The deploy webhook did not accept the cancel of ${job.id}: ${(err as Error).message}`);
    }
  }

  /** Missing, malformed or stale signature headers, refused before the callback's body is read. */
  headerRefusal(req: HttpRequest): HttpResponse | undefined {
    const reason = headerRefusal(req.headers, this.now());
    return reason ? refuse(401, 'unauthorized', reason) : undefined;
  }

  /** The handler of POST /api/deployments/:id/events. */
  async handleCallback(req: HttpRequest): Promise<HttpResponse> {
    const id = req.params.id ?? '';
    const run = this.runs.get(id) ?? (await this.options.adopt?.(id));
    const spec = run && specAs(webhookSpec, run.job.spec);
    if (!run || !spec) return refuse(404, 'not_found', `No deployment ${id} is waiting for webhook events.`);
    const secret = this.options.secrets[spec.secretEnv];
    if (!secret) return refuse(401, 'unauthorized', `${spec.secretEnv} is not set, so no callback can be verified.`);
    const now = this.now();
    const verdict = verify(secret, req.headers, req.rawBody, now);
    if (!verdict.ok) return refuse(401, 'unauthorized', verdict.reason);
    if (this.alreadySeen(verdict.signature, now)) return { status: 200, body: { accepted: true, duplicate: true } };
    // A redelivery may reach another replica: the shared store says whether any has seen it.
    if (this.options.claimOnce && !(await this.options.claimOnce(verdict.signature))) return { status: 200, body: { accepted: true, duplicate: true } };
    const report = webhookReport.safeParse(parseJson(req.rawBody));
    if (!report.success) return refuse(400, 'bad_request', `The callback body is not a report: ${report.error.issues.map((i) => `${i.path.join('.') || 'body'} ${i.message}`).join('; ')}.`);
    for (const event of eventsOf(report.data)) run.emit(event);
    return { status: 202, body: { accepted: true } };
  }

  /** Stops following a run that ended through another replica. */
  forget(id: string): void {
    this.runs.close(id);
  }

  /** Stops following every run (shutdown). */
  close(): void {
    this.runs.closeAll();
  }

  callbackUrl(id: string): string {
    return `${this.options.publicUrl.replace(/\/$/, '')}/api/deployments/${encodeURIComponent(id)}/events`;
  }

  private poll(run: ActiveRun, spec: WebhookSpec, secret: string): void {
    const statusUrl = fill(spec.statusUrl as string, run.job);
    let linesSeen = 0;
    const step = async () => {
      const report = webhookReport.parse((await this.send('GET', statusUrl, secret, run.signal)) ?? {});
      // A status URL answers with the whole log so far; only the new lines go on.
      for (const event of eventsOf(report, linesSeen)) run.emit(event);
      linesSeen = Math.max(linesSeen, (report.lines?.length ?? 0) + (report.line !== undefined ? 1 : 0));
    };
    runInBackground(run, () => pollLoop(run, { intervalMs: spec.pollSeconds * 1000, maxBackoffMs: this.timing.maxBackoffMs, classify }, step));
  }

  private async send(method: 'GET' | 'POST', url: string, secret: string, signal: AbortSignal, body?: unknown): Promise<unknown> {
    const text = body === undefined ? '' : JSON.stringify(body);
    const response = await globalThis.fetch(url, {
      method,
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...signedHeaders(secret, this.now(), text) },
      ...(body === undefined ? {} : { body: text }),
      signal: withTimeout(signal, this.timing.requestTimeoutMs),
    });
    const answer = await response.text();
    if (!response.ok) throw new WebhookHttpError(response.status, `it answered ${response.status}${answer ? `: ${answer.trim().slice(0, 200)}` : ''}`);
    return parseJson(Buffer.from(answer));
  }

  private alreadySeen(signature: string, now: Date): boolean {
    const cutoff = now.getTime() - 2 * MAX_SKEW_SECONDS * 1000;
    for (const [sig, at] of this.seen) if (at < cutoff) this.seen.delete(sig);
    if (this.seen.has(signature)) return true;
    this.seen.set(signature, now.getTime());
    return false;
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}

function specOf(job: EngineJob): WebhookSpec {
  return jobSpec(webhookSpec, job, 'webhook');
}

/** `{id}`, `{service}` and `{env}` in a status or cancel URL (also as URL-encoded braces). */
function fill(url: string, job: EngineJob): string {
  const values: Record<string, string> = { id: job.id, service: job.service, env: job.env };
  return url.replace(/\{(id|service|env)\}|%7B(id|service|env)%7D/gi, (_m, a?: string, b?: string) => encodeURIComponent(values[(a ?? b ?? '').toLowerCase()] ?? ''));
}

function classify(err: unknown): PollFailure {
  if (err instanceof WebhookHttpError) {
    return { transient: err.status >= 500 || err.status === 429, message: `The status URL ${err.message.replace(/^it /, '')}` };
  }
  if (err instanceof Error && err.name === 'ZodError') return { transient: false, message: 'The status URL answered with something that is not a report.' };
  return { transient: true, message: `The status URL did not answer: ${(err as Error).message}` };
}

function parseJson(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

function refuse(status: number, error: string, message: string): HttpResponse {
  return { status, body: { error, message } };
}
