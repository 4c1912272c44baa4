// Child process of the store benchmark: opens the store, reports how long it took and the peak RSS.
import { openLowdbStore } from '../data/lowdb-store.js';

const started = performance.now();
const store = await openLowdbStore({ dir: process.argv[2]! });
const openMs = performance.now() - started;
const processMs = performance.now();
const count = await store.read(async (tx) => (await tx.list('post', { state: 'all' })).length);
process.stdout.write(JSON.stringify({ openMs, processMs, records: count, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
await store.close();
