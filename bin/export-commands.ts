import { corePorts } from './ports.js';
import { fileProblem } from './file-errors.js';
import { systemClock } from '../bot/clock.js';
import type { Config } from '../bot/config/schema.js';
import { exportDecisions } from '../bot/decisions/export.js';
import { exportPostmortem } from '../bot/incidents/postmortem.js';
import { parseId } from '../bot/ids.js';
import { isUserError } from '../bot/errors.js';
import { silentLogger } from '../bot/log.js';
import type { Ops } from '../bot/ops.js';
import { createOps } from '../bot/phase-service.js';
import { DataFileError } from '../data/load-state.js';
import { openStoreForReading, StoreOpenError } from '../data/store-factory.js';

/**
 * Exports read the store without taking the data directory's lock, so they work while the bot
 * runs: lowdb is opened read-only (PostgreSQL as usual) and nothing starts.
 */
async function withReadOnlyOps(config: Config, target: string, fn: (ops: Ops) => Promise<string>): Promise<number> {
  let store;
  try {
    store = await openStoreForReading(config, silentLogger);
  } catch (err) {
    if (err instanceof DataFileError || err instanceof StoreOpenError) {
      process.stderr.write(`dayops: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  try {
    process.stdout.write(`${await fn(createOps({ config, store, clock: systemClock, log: silentLogger, ...corePorts(config) }))}\n`);
    return 0;
  } catch (err) {
    const message = isUserError(err) ? err.message : fileProblem(err, target);
    if (message === undefined) throw err;
    process.stderr.write(`dayops: ${message}\n`);
    return 1;
  } finally {
    await store.close();
  }
}

export function exportDecisionsCommand(config: Config, dir: string): Promise<number> {
  return withReadOnlyOps(config, dir, async (ops) => {
    const result = await exportDecisions(ops, dir);
    return `Exported ${result.decisions} decision${result.decisions === 1 ? '' : 's'} to ${result.dir}: ${result.created} new, ${result.updated} updated, ${result.unchanged} unchanged; index at ${result.index}.`;
  });
}

export function exportPostmortemCommand(config: Config, idText: string, file: string): Promise<number> {
  return withReadOnlyOps(config, file, async (ops) => {
    const id = parseId(idText, 'incident');
    await exportPostmortem(ops, id, file);
    return `Wrote the postmortem of ${id} to ${file}.`;
  });
}
