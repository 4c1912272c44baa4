import type { OncallSwapRecord } from '../../data/records/oncall.js';
import type { ReadTx, Tx } from '../../data/store.js';
import { badInput, forbidden, illegalTransition, notFound } from '../errors.js';
import { formatId } from '../ids.js';
import type { Ops } from '../ops.js';
import { parseTime } from '../time.js';
import { createOverride } from './overrides.js';
import { shiftsOf, type PersonShift } from './query.js';
import { findSchedule } from './schedules.js';

export const SWAP_ACCEPT_ACTION = 'oncall.swap-accept';
export const SWAP_DECLINE_ACTION = 'oncall.swap-decline';

const LOOK_AHEAD_DAYS = 90;

export interface SwapRequest {
  from: string;
  to: string;
  /** `next`, or a time inside (or the day of) the shift. */
  shift: string;
  schedule?: string;
  level?: string;
}

/** The requester's shift a swap names: their current or next one, or the one holding a time. */
export async function shiftToSwap(ops: Ops, tx: ReadTx, request: SwapRequest, now: Date): Promise<PersonShift> {
  const mine = (await shiftsOf(ops, tx, request.from, now, LOOK_AHEAD_DAYS)).filter(
    (s) => (!request.schedule || s.schedule.name === request.schedule) && (!request.level || s.level === request.level),
  );
  if (mine.length === 0) throw notFound(`${request.from} has no shift${request.schedule ? ` on ${request.schedule}` : ''} in the next ${LOOK_AHEAD_DAYS} days to swap.`);
  if (request.shift === 'next') return mine[0]!;
  const tz = mine[0]!.schedule.timezone;
  const at = parseTime(request.shift, { tz, now });
  const found = mine.find((s) => s.start <= at && at < s.end) ?? mine.find((s) => sameDay(s.start, at, s.schedule.timezone));
  if (!found) throw notFound(`${request.from} is not on call at ${request.shift}; \`oncall next @${request.from}\` lists their shifts.`);
  return found;
}

function sameDay(a: Date, b: Date, tz: string): boolean {
  const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: tz, dateStyle: 'short' }).format(d);
  return day(a) === day(b);
}

export async function requestSwap(ops: Ops, tx: Tx, request: SwapRequest, now: Date): Promise<OncallSwapRecord> {
  if (request.from === request.to) throw badInput('That shift is already yours; name someone else to take it.');
  if (!ops.people.exists(request.to)) throw badInput(`${request.to} is not one of the people dayops knows; people: ${ops.people.names().join(', ')}.`);
  const shift = await shiftToSwap(ops, tx, request, now);
  const swap: OncallSwapRecord = {
    id: formatId('oncallSwap', await tx.nextNumber('oncallSwap')),
    schedule: shift.schedule.name,
    level: shift.level,
    from: request.from,
    to: request.to,
    start: shift.start.toISOString(),
    end: shift.end.toISOString(),
    status: 'pending',
    createdAt: now.toISOString(),
  };
  await tx.put('oncallSwap', swap);
  return swap;
}

/** The person asked accepts (an override puts them on call for the shift) or either side declines. */
export async function answerSwap(ops: Ops, tx: Tx, id: string, who: string | undefined, accept: boolean, now: Date): Promise<OncallSwapRecord> {
  const swap = await tx.get('oncallSwap', id);
  if (!swap) throw notFound(`There is no swap ${id}.`);
  if (swap.status !== 'pending') throw illegalTransition(`${id} was already ${swap.status}.`);
  if (accept ? who !== swap.to : who !== swap.to && who !== swap.from) throw forbidden(`Only ${swap.to} can ${accept ? 'accept' : 'decline'} ${id}${accept ? '' : ` (or ${swap.from} withdraw it)`}.`);
  if (Date.parse(swap.end) <= now.getTime()) throw illegalTransition(`The shift of ${id} is already over.`);
  if (!accept) {
    const declined: OncallSwapRecord = { ...swap, status: 'declined', decidedAt: now.toISOString() };
    await tx.put('oncallSwap', declined);
    return declined;
  }
  const schedule = await findSchedule(ops, tx, swap.schedule);
  const from = new Date(Math.max(Date.parse(swap.start), now.getTime()));
  const { override } = await createOverride(ops, tx, { schedule, level: swap.level, person: swap.to, from, until: new Date(swap.end), reason: `swap ${swap.id} with ${swap.from}`, by: swap.to, swap: swap.id }, now);
  const accepted: OncallSwapRecord = { ...swap, status: 'accepted', decidedAt: now.toISOString(), override: override.id };
  await tx.put('oncallSwap', accepted);
  return accepted;
}
