import type { AcceptedInputRecord } from '../data/records/accepted-input.js';
import { errorReply } from './error-handler.js';
import type { ActionInput, Actor, CommandInput, OpsMessage, Reply } from './model.js';
import type { Ops } from './ops.js';
import { formatTime } from './time-format.js';

export type Accepted = { kind: 'command'; input: CommandInput } | { kind: 'action'; input: ActionInput };

/** How a platform answers the person later: the route is the adapter's own (a response_url, an interaction token). */
export interface AnswerRoute {
  platform: string;
  route: Record<string, unknown>;
}

/** A chat adapter's part in answering inputs that ran after a restart. */
export interface LateAnswerer {
  /** The person as the platform sees them now (group memberships are read again). */
  actor?(actor: Actor): Promise<Actor>;
  /** Answers through the route; rejects when the platform no longer takes it (expired), and the channel hears instead. */
  answer(route: Record<string, unknown>, reply: Reply, kind: Accepted['kind']): Promise<void>;
}

/** Well inside the 3 s chat platforms give an acknowledgement: a store slower than this refuses the input instead. */
const ACCEPT_WITHIN_MS = 2_000;
/** A replica holds the inputs it accepted this long; another runs them once it has died. */
const LEASE_MS = 30_000;
const SWEEP_MS = 5_000;

/**
 * Inputs acknowledged to their platform are written to the store before the acknowledgement
 * and removed once the person has their answer. What a crash left behind runs at the next start
 * (or, with replicas, on a survivor) through the router, whose idempotency key makes its change
 * happen once, and the person is told it ran late: through the platform's route while it is
 * valid, in the channel otherwise.
 */
export class AcceptedInputs {
  private readonly answerers = new Map<string, LateAnswerer>();
  /** Keys this process accepted or is replaying and has not finished: never replayed here meanwhile. */
  private readonly mine = new Set<string>();
  private sweep: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly ops: Ops,
    private readonly run: (accepted: Accepted) => Promise<Reply>,
  ) {}

  answerLate(platform: string, answerer: LateAnswerer): void {
    this.answerers.set(platform, answerer);
  }

  /**
   * Records the input before it is acknowledged. Undefined once it is recorded (acknowledge it,
   * then run it); otherwise the answer to give at once, as nothing will run (the store is down).
   */
  async accept(accepted: Accepted, answer: AnswerRoute): Promise<Reply | undefined> {
    const key = accepted.input.idempotencyKey;
    if (!key) return undefined;
    const record: AcceptedInputRecord = { id: key, acceptedAt: this.ops.clock.now().toISOString(), kind: accepted.kind, input: { ...accepted.input }, answer };
    this.mine.add(key);
    const write = this.write(record);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ACCEPT_WITHIN_MS)));
    try {
      if ((await Promise.race([write, late])) !== 'late') return undefined;
    } catch (err) {
      this.mine.delete(key);
      return errorReply(err, this.ops.log, { kind: accepted.kind, platform: accepted.input.actor.platform });
    } finally {
      clearTimeout(timer);
    }
    // Refused as not done: should the write still land, it must not run later.
    void write.then(() => this.done(key), () => this.mine.delete(key));
    this.ops.log.warn({ key }, 'the store took longer than 2 s to record an input; it was refused');
    return errorReply(Object.assign(new Error('recording the input timed out'), { code: 'ETIMEDOUT' }), this.ops.log, { kind: accepted.kind });
  }

  /** The person has their answer: the input is forgotten. A failure is logged; a restart would answer again. */
  async done(key: string | undefined): Promise<void> {
    if (!key) return;
    try {
      await this.ops.store.transact((tx) => tx.remove('acceptedInput', key));
      await this.ops.store.release?.(leaseName(key));
    } catch (err) {
      this.ops.log.warn({ err, key }, 'could not forget an answered input; a restart answers it again');
    } finally {
      this.mine.delete(key);
    }
  }

  /** At start: runs what an earlier life accepted and did not answer; with replicas, again every 5 s. */
  async replay(): Promise<number> {
    if (this.ops.store.claim && !this.sweep) {
      this.sweep = setInterval(() => void this.replayAll().catch((err: unknown) => this.ops.log.warn({ err }, 'could not look for accepted inputs left by another replica')), SWEEP_MS);
      this.sweep.unref();
    }
    return this.replayAll();
  }

  stop(): void {
    if (this.sweep !== undefined) clearInterval(this.sweep);
    this.sweep = undefined;
  }

  private async write(record: AcceptedInputRecord): Promise<void> {
    if (this.ops.store.claim) await this.ops.store.claim(leaseName(record.id), LEASE_MS);
    await this.ops.store.transact((tx) => tx.put('acceptedInput', record));
  }

  private async replayAll(): Promise<number> {
    // What this replica still runs stays its own while it runs, however long.
    if (this.ops.store.claim) for (const key of [...this.mine]) await this.ops.store.claim(leaseName(key), LEASE_MS);
    const records = await this.ops.store.read((tx) => tx.list('acceptedInput'));
    let ran = 0;
    for (const record of records) {
      if (this.mine.has(record.id)) continue;
      // A live replica's own inputs are its to answer.
      if (this.ops.store.claim && !(await this.ops.store.claim(leaseName(record.id), LEASE_MS))) continue;
      this.mine.add(record.id);
      try {
        await this.replayOne(record);
        ran++;
      } catch (err) {
        this.ops.log.error({ err, key: record.id }, 'running an input accepted before a restart failed');
      } finally {
        this.mine.delete(record.id);
      }
    }
    if (ran > 0) this.ops.log.info({ inputs: ran }, 'ran commands accepted before a restart and told the people who sent them');
    return ran;
  }

  private async replayOne(record: AcceptedInputRecord): Promise<void> {
    const answerer = this.answerers.get(record.answer.platform);
    const before = await this.ops.store.read((tx) => tx.get('idempotency', record.id));
    const accepted = restore(record);
    if (!accepted) {
      this.ops.log.error({ key: record.id }, 'an accepted input in the store has the wrong shape; it is dropped');
      await this.done(record.id);
      return;
    }
    if (answerer?.actor) accepted.input.actor = await answerer.actor(accepted.input.actor).catch(() => accepted.input.actor);
    const reply = await this.run(accepted);
    const late = lateReply(reply, before?.reply !== undefined, new Date(record.acceptedAt), this.ops);
    try {
      if (!answerer) throw new Error(`no ${record.answer.platform} adapter is installed`);
      await answerer.answer(record.answer.route, late, record.kind);
      await this.done(record.id);
    } catch (err) {
      this.ops.log.warn({ err, key: record.id }, 'could not answer an input that ran after a restart through its platform; telling its channel');
      await this.tellChannel(record, accepted, late);
    }
  }

  /** The platform's route expired: the channel hears, in the same transaction that forgets the input. */
  private async tellChannel(record: AcceptedInputRecord, accepted: Accepted, late: Reply): Promise<void> {
    const { actor, place } = accepted.input;
    const what = accepted.kind === 'command' ? `\`${accepted.input.text}\`` : `the ${accepted.input.action} button`;
    const message: OpsMessage =
      late.visibility === 'public'
        ? late.message
        : { tone: 'info', text: `${actor.displayName}: ${what} ran after dayops restarted. Its answer was for you alone and could no longer be shown to you; run it again to see it.` };
    await this.ops.store.transact(async (tx) => {
      if (!(await tx.get('acceptedInput', record.id))) return;
      await this.ops.outbox.post(tx, { channel: place.channel, key: `late:${record.id}`, message, ...(place.thread ? { thread: place.thread } : {}) });
      await tx.remove('acceptedInput', record.id);
    });
  }
}

/** The stored input back as the router takes it, once its shape is checked (it was written by this code). */
function restore(record: AcceptedInputRecord): Accepted | undefined {
  const { actor, place } = record.input as { actor?: Partial<Actor>; place?: { channel?: unknown } };
  if (typeof actor?.platform !== 'string' || typeof actor.userId !== 'string' || typeof place?.channel !== 'string') return undefined;
  const input: unknown = { ...record.input };
  if (record.kind === 'command' && typeof record.input.text === 'string') return { kind: 'command', input: input as CommandInput };
  if (record.kind === 'action' && typeof record.input.action === 'string' && typeof record.input.value === 'string') return { kind: 'action', input: input as ActionInput };
  return undefined;
}

function leaseName(key: string): string {
  return `input:${key}`;
}

/** The reply with a line saying it ran late (or, when it had run just before the crash, that this is its answer again). */
export function lateReply(reply: Reply, ranBefore: boolean, acceptedAt: Date, ops: Pick<Ops, 'config' | 'clock'>): Reply {
  const tz = ops.config.timezone;
  const notice = ranBefore
    ? 'dayops restarted right after this ran; here is its answer again.'
    : `This ran late: dayops restarted after accepting it at ${formatTime(acceptedAt, tz)} and ran it at ${formatTime(ops.clock.now(), tz)}.`;
  return { ...reply, message: { ...reply.message, context: [notice, ...(reply.message.context ?? [])] } };
}
