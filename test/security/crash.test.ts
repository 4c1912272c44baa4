import { describe, expect, it } from 'vitest';
import { crashRun } from './crash-run.js';

/** The short run; `npm run bench:crash` kills it 25 times and prints the figures. */
describe('a real dayops process killed with SIGKILL at random moments', () => {
  it('keeps every acknowledged change, loses no message, and stops cleanly on SIGTERM', async () => {
    const kills = 2;
    const f = await crashRun({ kills, seed: 7, perRound: 15 });
    expect(f.killsSurvived).toBe(kills);
    expect(f.acknowledged).toBeGreaterThan(0);
    expect(f.acknowledgedLost).toBe(0);
    expect(f.duplicateRecords).toBe(0);
    expect(f.messagesLost).toBe(0);
    // Slack cannot drop a resend: a message sent but not yet marked sent at a kill goes out again.
    expect(f.duplicateDeliveries).toBeLessThanOrEqual(kills);
    expect(f.outboxLeft).toBe(0);
    expect(f.midStreamExitCode).toBe(0);
    expect(f.gracefulExitCode).toBe(0);
  }, 240_000);

  it('on Discord, a resend after a kill carries the same nonce, so nothing is posted twice', async () => {
    const f = await crashRun({ kills: 1, seed: 11, perRound: 15, platform: 'discord' });
    expect(f.killsSurvived).toBe(1);
    expect(f.acknowledgedLost).toBe(0);
    expect(f.messagesLost).toBe(0);
    expect(f.duplicateDeliveries).toBe(0);
    expect(f.outboxLeft).toBe(0);
    expect(f.gracefulExitCode).toBe(0);
  }, 240_000);
});
