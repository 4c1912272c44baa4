// `npm run fuzz [cases-per-target] [seed]`: the fuzz properties of `npm test`, run long with a
// random (or given) seed. Prints cases run and failures per target; writes bench/results/fuzz.md.
import { mkdir, writeFile } from 'node:fs/promises';
import { runTarget, type FuzzResult } from '../test/fuzz/run-targets.js';
import { FUZZ_TARGETS } from '../test/fuzz/targets.js';

const cases = Number(process.argv[2] ?? 5000);
const seed = Number(process.argv[3] ?? Math.floor(Math.random() * 2 ** 31));
/** Targets that go through a store or HTTP are slower per case; they get a tenth. */
const SLOW = new Set(['router', 'config loader', 'HTTP routes (Slack, Discord, webhooks, pipeline API)']);

const results: FuzzResult[] = [];
for (const target of FUZZ_TARGETS) {
  const started = Date.now();
  const result = await runTarget(target, SLOW.has(target.name) ? Math.ceil(cases / 10) : cases, seed);
  results.push(result);
  console.error(`${target.name}: ${result.cases} cases, ${result.failed ? 'FAILED' : 'no failure'} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (result.outcomes) for (const [what, n] of Object.entries(result.outcomes)) console.error(`    ${what}: ${n}`);
  if (result.failure) console.error(result.failure);
}
const lines = [
  `## Fuzzing (fast-check, seed ${seed})`,
  '',
  '| target | cases run | crashes |',
  '|---|---|---|',
  ...results.map((r) => `| ${r.target} | ${r.cases} | ${r.failed ? 1 : 0} |`),
  `| **total** | ${results.reduce((n, r) => n + r.cases, 0)} | ${results.filter((r) => r.failed).length} |`,
];
console.log(lines.join('\n'));
await mkdir(new URL('../bench/results/', import.meta.url), { recursive: true });
await writeFile(new URL('../bench/results/fuzz.md', import.meta.url), `${lines.join('\n')}\n`);
process.exitCode = results.some((r) => r.failed) ? 1 : 0;
