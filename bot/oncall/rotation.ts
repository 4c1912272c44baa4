import { DateTime } from 'luxon';
import { zonedInstant } from '../time.js';
import type { LayerConfig } from './config-schema.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** A shift length: calendar days keep the handoff's wall time across DST changes; hours are elapsed time. */
export type ShiftLength = { days: number } | { hours: number };

export function shiftLength(shift: string): ShiftLength {
  if (shift === 'daily') return { days: 1 };
  if (shift === 'weekly') return { days: 7 };
  const n = Number(shift.slice(0, -1));
  const unit = shift.slice(-1);
  return unit === 'h' ? { hours: n } : { days: unit === 'w' ? n * 7 : n };
}

export interface Shift {
  /** Which shift of the rotation: 0 is the first, starting at the layer's `start`. */
  index: number;
  person: string;
  start: Date;
  end: Date;
}

/**
 * One layer's rotation in its schedule's time zone: shift k starts at the k-th handoff and goes
 * to person k mod n. Handoffs are wall-clock times, so a weekly 09:00 handoff stays at 09:00
 * over a DST change; a handoff at a time the change skips happens at the first instant after it.
 */
export class Rotation {
  private readonly length: ShiftLength;
  private readonly startDate: { year: number; month: number; day: number };
  private readonly handoff: { hour: number; minute: number };
  private readonly first: number;

  constructor(
    private readonly layer: Pick<LayerConfig, 'people' | 'shift' | 'start' | 'handoff'>,
    private readonly tz: string,
  ) {
    this.length = shiftLength(layer.shift);
    const [year, month, day] = layer.start.split('-').map(Number) as [number, number, number];
    const [hour, minute] = layer.handoff.split(':').map(Number) as [number, number];
    this.startDate = { year, month, day };
    this.handoff = { hour, minute };
    this.first = zonedInstant({ ...this.startDate, ...this.handoff }, tz).getTime();
  }

  /** When shift `k` starts. */
  boundary(k: number): Date {
    if ('hours' in this.length) return new Date(this.first + k * this.length.hours * HOUR_MS);
    const wall = DateTime.fromObject(this.startDate, { zone: 'UTC' }).plus({ days: k * this.length.days });
    return zonedInstant({ year: wall.year, month: wall.month, day: wall.day, ...this.handoff }, this.tz);
  }

  /** The shift that holds `at`, or undefined before the rotation starts. */
  shiftAt(at: Date): Shift | undefined {
    const t = at.getTime();
    if (t < this.first) return undefined;
    const approxMs = 'hours' in this.length ? this.length.hours * HOUR_MS : this.length.days * DAY_MS;
    let k = Math.floor((t - this.first) / approxMs);
    // Calendar shifts vary by an hour around DST changes: step to the exact one.
    while (k > 0 && this.boundary(k).getTime() > t) k--;
    while (this.boundary(k + 1).getTime() <= t) k++;
    return this.shift(k);
  }

  shift(k: number): Shift {
    const people = this.layer.people;
    return { index: k, person: people[k % people.length]!, start: this.boundary(k), end: this.boundary(k + 1) };
  }

  /** Every shift that overlaps [from, to), in order. */
  shiftsBetween(from: Date, to: Date): Shift[] {
    const out: Shift[] = [];
    const firstShift = this.shiftAt(from) ?? (this.first < to.getTime() ? this.shift(0) : undefined);
    if (!firstShift) return out;
    for (let k = firstShift.index; this.boundary(k).getTime() < to.getTime(); k++) out.push(this.shift(k));
    return out;
  }
}
