// `npm run bench`: every benchmark, one after the other, printed as Markdown-ready lines.
import { cpus } from 'node:os';
import { runAlertStormBench } from './alert-storm.js';
import { runBoardBench } from './board.js';
import { runEscalationBench } from './escalations.js';
import { runPgBench } from './pg.js';
import { runReminderBench } from './reminders.js';
import { runScaleBench } from './scale.js';
import { runSlackAckBench } from './slack-ack.js';
import { runStoreBench } from './store.js';

const benches: [string, () => Promise<string[]>][] = [
  ['store', runStoreBench],
  ['reminders', runReminderBench],
  ['alerts', runAlertStormBench],
  ['slack', () => runSlackAckBench()],
  ['pg', runPgBench],
  ['escalations', runEscalationBench],
  ['board', runBoardBench],
  ['scale', runScaleBench],
];
const only = process.argv[2];

console.log(`# dayops benchmarks — ${new Date().toISOString().slice(0, 10)}, ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, Node ${process.version}\n`);
for (const [name, run] of benches) {
  if (only && only !== name) continue;
  for (const line of await run()) console.log(line);
  console.log('');
}
