// `npm run bench:crash [kills] [seed]`: SIGKILLs a real dayops process at random moments while a
// pipeline feeds it deployment requests, and prints what survived. Writes bench/results/crash.md.
import { mkdir, writeFile } from 'node:fs/promises';
import { crashRun, type CrashFigures } from '../test/security/crash-run.js';

const kills = Number(process.argv[2] ?? 25);
const seed = Number(process.argv[3] ?? 20261122);

export function crashLines(f: CrashFigures, seed: number): string[] {
  return [
    `## Crash safety (SIGKILL at random moments, seed ${seed})`,
    '',
    '| figure | value | target |',
    '|---|---|---|',
    `| kills survived (restart loaded the data file and served) | ${f.killsSurvived} of ${f.kills} | all |`,
    `| requests sent (incl. retries with the same Idempotency-Key) | ${f.requestsSent} | |`,
    `| changes acknowledged (HTTP 2xx) | ${f.acknowledged} | |`,
    `| acknowledged changes lost | ${f.acknowledgedLost} | 0 |`,
    `| records created twice by a retried request | ${f.duplicateRecords} | 0 |`,
    `| messages lost (Slack, counted by the fake API) | ${f.messagesLost} | 0 |`,
    `| duplicate deliveries (Slack has no dedupe; at most one send in flight per kill) | ${f.duplicateDeliveries} | ≤ ${f.kills} |`,
    `| outbox entries left after the graceful stop | ${f.outboxLeft} | 0 |`,
    `| exit code on SIGTERM while requests arrive | ${f.midStreamExitCode} | 0 |`,
    `| exit code on SIGTERM after the outbox drained | ${f.gracefulExitCode} | 0 |`,
  ];
}

const figures = await crashRun({ kills, seed, progress: (line) => console.error(line) });
const lines = crashLines(figures, seed);
console.log(lines.join('\n'));
await mkdir(new URL('results/', import.meta.url), { recursive: true });
await writeFile(new URL('results/crash.md', import.meta.url), `${lines.join('\n')}\n`);
const ok = figures.killsSurvived === kills && figures.acknowledgedLost === 0 && figures.messagesLost === 0 && figures.duplicateRecords === 0 && figures.gracefulExitCode === 0 && figures.midStreamExitCode === 0;
process.exitCode = ok ? 0 : 1;
