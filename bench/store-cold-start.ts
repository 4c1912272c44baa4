// Child process of the store benchmark: opens the store, reports how long it took and the RSS,
// then reads every closed record (as a full history listing would) and reports the peak RSS.
import { openLowdbStore } from '../data/lowdb-store.js';

const started = performance.now();
const store = await openLowdbStore({ dir: process.argv[2]! });
const openMs = performance.now() - started;
const processMs = performance.now();
const openRssMb = process.memoryUsage().rss / 1024 / 1024;
const count = await store.inspect(async (tx) => (await tx.scan('post', { state: 'all' })).length);
process.stdout.write(JSON.stringify({ openMs, processMs, openRssMb, records: count, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
await store.close();
