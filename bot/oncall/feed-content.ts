import type { ReadTx } from '../../data/store.js';
import type { Ops } from '../ops.js';
import { feedFor, type FeedTarget } from './feeds.js';
import { onCallCalendar, type FeedSource } from './ical-export.js';
import { allSchedules } from './schedules.js';
import { overridesOf } from './who.js';

const DAY = 86_400_000;
/** A feed shows the past week and the coming eight. */
export const FEED_PAST_DAYS = 7;
export const FEED_AHEAD_DAYS = 56;

/** Every feed there is: one per schedule, one per person. */
export async function feedTargets(ops: Pick<Ops, 'config'>, tx: ReadTx): Promise<FeedTarget[]> {
  const schedules = await allSchedules(ops, tx);
  return [...schedules.map((s): FeedTarget => ({ kind: 'schedule', name: s.name })), ...ops.config.people.map((p): FeedTarget => ({ kind: 'person', name: p.name }))];
}

/** The calendar a token opens, or undefined when it opens none. */
export async function feedCalendar(ops: Pick<Ops, 'config' | 'store'>, secret: string, token: string, now: Date): Promise<string | undefined> {
  return ops.store.read(async (tx) => {
    const target = feedFor(secret, token, await feedTargets(ops, tx));
    if (!target) return undefined;
    const schedules = (await allSchedules(ops, tx)).filter((s) => target.kind === 'person' || s.name === target.name);
    const sources: FeedSource[] = [];
    for (const schedule of schedules) sources.push({ schedule, overrides: await overridesOf(tx, schedule.name) });
    const window = { from: new Date(now.getTime() - FEED_PAST_DAYS * DAY), to: new Date(now.getTime() + FEED_AHEAD_DAYS * DAY) };
    const name = target.kind === 'person' ? `On call: ${target.name}` : `On call: ${target.name} schedule`;
    return onCallCalendar(name, sources, window, target.kind === 'person' ? target.name : undefined);
  });
}
