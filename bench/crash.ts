// `npm run bench:crash [kills] [seed] [slack|discord]`: SIGKILLs a real dayops process at random
// moments while a pipeline feeds it deployment requests, and prints what survived. Writes
// bench/results/crash-<platform>.md.
import { mkdir, writeFile } from 'node:fs/promises';
import { crashRun, type CrashFigures } from '../test/security/crash-run.js';

const kills = Number(process.argv[2] ?? 25);
const seed = Number(process.argv[3] ?? 20261122);
const platform = process.argv[4] === 'discord' ? 'discord' : 'slack';

export function crashLines(f: CrashFigures, seed: number, platform: string): string[] {
  const dedupe = platform === 'discord' ? 'Discord drops a resend with the same nonce' : 'Slack has no dedupe; at most one send in flight per kill';
  return [
    `## Crash safety on ${platform} (SIGKILL at random moments, seed ${seed})`,
    '',
    '| figure | value | target |',
    '|---|---|---|',
    `| kills survived (restart loaded the data file and served) | ${f.killsSurvived} of ${f.kills} | all |`,
    `| requests sent (incl. retries with the same Idempotency-Key) | ${f.requestsSent} | |`,
    `| changes acknowledged (HTTP 2xx) | ${f.acknowledged} | |`,
    `| acknowledged changes lost | ${f.acknowledgedLost} | 0 |`,
    `| records created twice by a retried request | ${f.duplicateRecords} | 0 |`,
    `| messages lost (counted by the fake chat API) | ${f.messagesLost} | 0 |`,
    `| duplicate deliveries (${dedupe}) | ${f.duplicateDeliveries} | ${platform === 'discord' ? '0' : `≤ ${f.kills}`} |`,
    ...(platform === 'discord' ? [`| resends after a kill that Discord answered with the first message (same nonce) | ${f.resendsAbsorbed} | |`] : []),
    `| outbox entries left after the graceful stop | ${f.outboxLeft} | 0 |`,
    `| exit code on SIGTERM while requests arrive | ${f.midStreamExitCode} | 0 |`,
    `| exit code on SIGTERM after the outbox drained | ${f.gracefulExitCode} | 0 |`,
  ];
}

const figures = await crashRun({ kills, seed, platform, progress: (line) => console.error(line) });
const lines = crashLines(figures, seed, platform);
console.log(lines.join('\n'));
await mkdir(new URL('results/', import.meta.url), { recursive: true });
await writeFile(new URL(`results/crash-${platform}.md`, import.meta.url), `${lines.join('\n')}\n`);
const ok = figures.killsSurvived === kills && figures.acknowledgedLost === 0 && figures.messagesLost === 0 && figures.duplicateRecords === 0 && figures.gracefulExitCode === 0 && figures.midStreamExitCode === 0;
process.exitCode = ok ? 0 : 1;
