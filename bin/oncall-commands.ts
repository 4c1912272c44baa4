import { readFile } from 'node:fs/promises';
import { isUserError } from '../bot/errors.js';
import type { Config } from '../bot/config/schema.js';
import { silentLogger } from '../bot/log.js';
import { importIcalSchedule } from '../bot/oncall/import.js';
import { DataDirLockedError } from '../data/data-dir-lock.js';
import { DataFileError } from '../data/load-state.js';
import { StoreOpenError } from '../data/store-factory.js';
import { buildApp } from './app.js';

export interface OncallImportOptions {
  ical?: string;
  name?: string;
  service?: string[];
  level?: string;
  timezone?: string;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** `dayops oncall import --ical <file|url> --name <schedule>`: stores a schedule read from a calendar. */
export async function oncallImportCommand(config: Config, options: OncallImportOptions, write: (line: string) => void): Promise<number> {
  if (!options.ical || !options.name) return failed('oncall import needs a calendar and a name: dayops oncall import --ical rotation.ics --name api [--service api] [--level primary]');
  let text: string;
  try {
    text = await readCalendar(options.ical);
  } catch (err) {
    return failed((err as Error).message);
  }
  let app;
  try {
    app = await buildApp({ config, log: silentLogger, mode: 'service' });
  } catch (err) {
    if (err instanceof DataDirLockedError || err instanceof DataFileError || err instanceof StoreOpenError) return failed(err.message);
    throw err;
  }
  try {
    const { ops } = app;
    const input = { name: options.name, ical: text, ...(options.level ? { level: options.level } : {}), ...(options.service?.length ? { services: options.service } : {}), ...(options.timezone ? { tz: options.timezone } : {}) };
    const result = await ops.store.transact((tx) => importIcalSchedule(ops, tx, input, ops.clock.now()));
    const layer = result.schedule.layers[0]!;
    write(`Imported ${options.name}: ${layer.people.join(', ')}, ${layer.shift} from ${layer.start} ${layer.handoff} ${result.schedule.timezone} (${result.shifts} shifts read).`);
    return 0;
  } catch (err) {
    if (isUserError(err)) return failed(err.message);
    throw err;
  } finally {
    await app.stop(1000);
  }
}

/** A file, or a URL on this host (an export another local tool serves); nothing else is fetched. */
async function readCalendar(source: string): Promise<string> {
  if (!/^https?:\/\//i.test(source)) return readFile(source, 'utf8').catch((err: NodeJS.ErrnoException) => Promise.reject(new Error(`cannot read ${source}: ${err.code ?? err.message}`)));
  const url = new URL(source);
  if (!LOOPBACK.has(url.hostname)) throw new Error(`${source} is not on this host; download the calendar and pass the file instead.`);
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`${source} answered ${res.status}.`);
  return res.text();
}

function failed(message: string): number {
  process.stderr.write(`dayops: ${message}\n`);
  return 1;
}
