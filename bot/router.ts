import type { AuditEvent, Tx } from '../data/store.js';
import { AcceptedInputs } from './accepted-inputs.js';
import type { CommandContext, CommandDefinition } from './command.js';
import { parseLine, readOptions, type ParsedLine } from './command-line/parse-line.js';
import { validateArgs } from './command-line/validate.js';
import { errorReply, type FailureContext } from './error-handler.js';
import { StoreUnavailableError } from '../data/store-errors.js';
import { isStoreOutage } from './store-outage.js';
import { withOrigin } from './origin.js';
import { badInput, conflict, forbidden, isUserError, notFound } from './errors.js';
import { tryParseId } from './ids.js';
import { reply, type ActionInput, type Actor, type CommandInput, type Place, type Reply, type ThreadReplyInput } from './model.js';
import type { Ops } from './ops.js';
import type { PermissionNeed } from './permissions.js';
import { isRefusal, recordRefusal } from './refusal-audit.js';
import { CommandRateLimiter } from './rate-limit.js';
import type { CommandRegistry } from './registry.js';

/** Handles a reply typed in a thread the bot owns; undefined means no answer. */
export type ThreadReplyHandler = (ctx: CommandContext<{ text: string; thread: string }>) => Promise<Reply | undefined>;

interface Outcome<R> {
  reply: R;
  /** False for failures on our side: a redelivery should try again, not repeat the apology. */
  remember: boolean;
}

/**
 * The one entry point for everything people type or press: finds the command, validates its
 * arguments, checks permission, answers a redelivered input with the reply it already got, and
 * turns every failure into a reply.
 */
export class Router {
  private readonly inflight = new Map<string, Promise<unknown>>();
  private readonly threadHandlers: { prefix: string; handler: ThreadReplyHandler }[] = [];
  private readonly limiter: CommandRateLimiter;
  /** Inputs acknowledged to their platform before they run: recorded first, run after a crash. */
  readonly accepted: AcceptedInputs;

  constructor(
    private readonly ops: Ops,
    private readonly registry: CommandRegistry,
  ) {
    this.limiter = new CommandRateLimiter(ops.config.limits?.commandsPerMinute ?? 0);
    this.accepted = new AcceptedInputs(ops, (a) => (a.kind === 'command' ? this.handleCommand(a.input) : this.handleAction(a.input)));
  }

  handleCommand(input: CommandInput): Promise<Reply> {
    return this.once(input.idempotencyKey, () => withOrigin(input.actor, input.place, () => this.runCommand(input)));
  }

  handleAction(input: ActionInput): Promise<Reply> {
    return this.once(input.idempotencyKey, () => withOrigin(input.actor, input.place, () => this.runAction(input)));
  }

  /** Resolves to undefined when no feature handles the thread, or it has nothing to say. */
  handleThreadReply(input: ThreadReplyInput): Promise<Reply | undefined> {
    return this.once(input.idempotencyKey, () => withOrigin(input.actor, input.place, () => this.runThreadReply(input)));
  }

  /** Features register for the threads they own by key prefix (`incident:`); the longest prefix wins. */
  onThreadReply(prefix: string, handler: ThreadReplyHandler): void {
    if (this.threadHandlers.some((h) => h.prefix === prefix)) throw new Error(`Thread prefix "${prefix}" is registered twice.`);
    this.threadHandlers.push({ prefix, handler });
    this.threadHandlers.sort((a, b) => b.prefix.length - a.prefix.length);
  }

  private async runCommand(input: CommandInput): Promise<Outcome<Reply>> {
    const actor = this.resolveActor(input.actor);
    const now = this.ops.clock.now();
    let name: string | undefined;
    let change: { need: PermissionNeed; target?: string } | undefined;
    const limited = this.rateLimited(actor, now);
    if (limited) return limited;
    try {
      if (!input.structured && input.text.trim() === '') return { reply: EMPTY_INPUT_HINT, remember: false };
      if (!input.structured && input.text.length > MAX_LINE_CHARS) {
        throw badInput(`That command is ${input.text.length} characters long; dayops reads at most ${MAX_LINE_CHARS}.`);
      }
      const { definition, raw } = this.parse(input);
      name = definition.name;
      const args = validateArgs(definition, raw);
      const need = typeof definition.permission === 'function' ? await definition.permission(args, this.ops) : { permission: definition.permission };
      change = { need, target: targetOf(definition, args) ?? need.env };
      await this.authorise(actor, need, `use the ${definition.name} command`, definition.name, change.target, now);
      const ctx = this.context(args, actor, input.place, now, input.idempotencyKey);
      return { reply: await definition.handler(ctx), remember: true };
    } catch (err) {
      if (name && change) await this.auditRefusal(err, actor, now, name, change);
      return this.failure(err, { kind: 'command', name, platform: actor.platform, userId: actor.userId });
    }
  }

  private async runAction(input: ActionInput): Promise<Outcome<Reply>> {
    const actor = this.resolveActor(input.actor);
    const now = this.ops.clock.now();
    const limited = this.rateLimited(actor, now);
    if (limited) return limited;
    let change: { need: PermissionNeed; target?: string } | undefined;
    try {
      const action = this.registry.action(input.action);
      if (!action) throw notFound('That button no longer does anything; run the command again.');
      const need = typeof action.permission === 'function' ? await action.permission(input.value, this.ops) : { permission: action.permission };
      const target = tryParseId(input.value)?.id;
      change = { need, target: target ?? need.env };
      await this.authorise(actor, need, `use the ${action.name} button`, action.name, change.target, now);
      const args = { value: input.value, ...(input.messageKey ? { messageKey: input.messageKey } : {}) };
      return { reply: await action.handler(this.context(args, actor, input.place, now, input.idempotencyKey)), remember: true };
    } catch (err) {
      if (change) await this.auditRefusal(err, actor, now, input.action, change);
      return this.failure(err, { kind: 'action', name: input.action, platform: actor.platform, userId: actor.userId });
    }
  }

  private async runThreadReply(input: ThreadReplyInput): Promise<Outcome<Reply | undefined>> {
    const actor = this.resolveActor(input.actor);
    const entry = this.threadHandlers.find((h) => input.place.thread.startsWith(h.prefix));
    if (!entry) return { reply: undefined, remember: false };
    try {
      const args = { text: input.text, thread: input.place.thread };
      const ctx = this.context(args, actor, input.place, this.ops.clock.now(), input.idempotencyKey);
      return { reply: await entry.handler(ctx), remember: true };
    } catch (err) {
      return this.failure(err, { kind: 'thread-reply', name: entry.prefix, platform: actor.platform, userId: actor.userId });
    }
  }

  private parse(input: CommandInput): ParsedLine {
    if (!input.structured) return parseLine(input.text, this.registry);
    const definition = this.registry.find(input.structured.command);
    if (!definition) throw notFound(`There is no command "${input.structured.command}". Type help to see every command.`);
    return { definition, raw: readOptions(definition, input.structured.options) };
  }

  private resolveActor(actor: Actor): Actor {
    if (actor.person) return actor;
    const person = this.ops.people.personFor(actor.platform, actor.userId);
    return person ? { ...actor, person } : actor;
  }

  /** Refuses, privately and on the audit log, before the handler runs. */
  private async authorise(actor: Actor, need: PermissionNeed, doing: string, action: string, target: string | undefined, now: Date): Promise<void> {
    if (this.ops.people.can(actor, need)) return;
    const where = need.env ? ` in ${need.env}` : '';
    const held = this.ops.people.permissionsOf(actor);
    await this.ops.store.appendAudit(
      auditEvent(actor, now, action, target, `Refused: needs the ${need.permission} permission${where}.`, 'refused'),
    );
    const refused = forbidden(`You need the ${need.permission} permission${where} to ${doing}; you have: ${held.length > 0 ? held.join(', ') : 'none'}.`);
    refused.audited = true;
    throw refused;
  }

  /**
   * A state change the handler refused (a held lock, a wrong state, a policy) goes on the audit
   * log once, whichever command it came from; reads (the view permission) are not state changes.
   */
  private async auditRefusal(err: unknown, actor: Actor, now: Date, action: string, change: { need: PermissionNeed; target?: string }): Promise<void> {
    if (!isRefusal(err) || err.audited || change.need.permission === 'view') return;
    const { actor: who, platform } = auditEvent(actor, now, action, undefined, '', 'refused');
    await recordRefusal(this.ops, { actor: who, platform, action, target: change.target, reason: err.message, at: now });
    err.audited = true;
  }

  private context<A>(args: A, actor: Actor, place: Place, now: Date, key: string | undefined): CommandContext<A> {
    let recorded = false;
    const store = this.ops.store;
    return {
      args,
      actor,
      place,
      ops: this.ops,
      now,
      commands: this.registry,
      transact: async <T>(fn: (tx: Tx) => Promise<T>): Promise<T> => {
        const result = await store.transact(async (tx) => {
          if (key && !recorded) await recordKey(tx, key, now);
          return fn(tx);
        });
        recorded = true;
        return result;
      },
      auditEvent: (action, target, summary, outcome = 'ok') => auditEvent(actor, now, action, target, summary, outcome),
    };
  }

  /** Over the limit: a plain answer, not remembered, so a retry after the wait runs. */
  private rateLimited(actor: Actor, now: Date): Outcome<Reply> | undefined {
    const wait = this.limiter.take(actor, now);
    if (wait === undefined) return undefined;
    this.ops.log.warn({ platform: actor.platform, user: actor.userId }, 'command rate limit reached');
    const text = `You have sent more than ${this.ops.config.limits.commandsPerMinute} commands in the last minute; try again in ${wait} s.`;
    return { reply: { ...reply({ tone: 'warning', text }, 'private'), failed: true }, remember: false };
  }

  private failure(err: unknown, context: FailureContext): Outcome<Reply> {
    return { reply: errorReply(err, this.ops.log, context), remember: isUserError(err) };
  }

  /**
   * Runs an input at most once per idempotency key: a key already answered gets the same reply,
   * and a second arrival while the first is running waits for it.
   */
  private once<R extends Reply | undefined>(key: string | undefined, run: () => Promise<Outcome<R>>): Promise<R> {
    if (!key) return run().then((o) => o.reply);
    const running = this.inflight.get(key) as Promise<R> | undefined;
    if (running) return running;
    const promise = this.runOnce(key, run).finally(() => this.inflight.delete(key));
    this.inflight.set(key, promise);
    return promise;
  }

  private async runOnce<R extends Reply | undefined>(key: string, run: () => Promise<Outcome<R>>): Promise<R> {
    let seen;
    try {
      seen = await this.ops.store.read((tx) => tx.get('idempotency', key));
    } catch (err) {
      // The store cannot even say whether this ran: the person hears that nothing was changed.
      if (isStoreOutage(err) || err instanceof StoreUnavailableError) return errorReply(err, this.ops.log, { kind: 'input' }) as R;
      throw err;
    }
    if (seen && seen.reply !== undefined) return (seen.reply ?? undefined) as R;
    const outcome = await run();
    if (outcome.remember) {
      const at = this.ops.clock.now().toISOString();
      await this.ops.store
        .transact((tx) => tx.put('idempotency', { id: key, at, reply: outcome.reply ?? null }, { closed: true }))
        // The change itself committed (its first transaction recorded the key): the reply stands.
        .catch((err: unknown) => this.ops.log.warn({ err, key }, 'could not store the reply of an idempotent input'));
    }
    return outcome.reply;
  }
}

/** Far above any real command (free text has its own, smaller limits), well below what would slow parsing. */
const MAX_LINE_CHARS = 8000;

const EMPTY_INPUT_HINT = reply({ tone: 'info', text: 'Type a command, or help to see them all.' }, 'private');

/** Written in the handler's first transaction, so a redelivery after a crash is recognised. */
async function recordKey(tx: Tx, key: string, now: Date): Promise<void> {
  if (await tx.get('idempotency', key)) {
    throw conflict('This request was already carried out, but its answer was lost; check the result before trying again.');
  }
  await tx.put('idempotency', { id: key, at: now.toISOString() });
}

function auditEvent(actor: Actor, now: Date, action: string, target: string | undefined, summary: string, outcome: AuditEvent['outcome']): AuditEvent {
  return {
    time: now.toISOString(),
    actor: { platform: actor.platform, userId: actor.userId, ...(actor.person ? { person: actor.person } : {}) },
    platform: actor.platform,
    action,
    ...(target ? { target } : {}),
    outcome,
    summary,
  };
}

/** The first id among a command's arguments names what it acts on, for the audit log. */
function targetOf(definition: CommandDefinition, args: unknown): string | undefined {
  const spec = definition.args.find((a) => a.type === 'id');
  if (!spec || typeof args !== 'object' || args === null) return undefined;
  const value = (args as Record<string, unknown>)[spec.name];
  return typeof value === 'string' ? value : undefined;
}
