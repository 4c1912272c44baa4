import { afterEach, describe, expect, it } from 'vitest';
import { alice, bob, harness, type Harness } from '../deployments/support.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.ops.close();
  h = undefined;
});

const text = (r: { message: { title?: string; text?: string } }) => [r.message.title, r.message.text].filter(Boolean).join('\n');

describe('errors and answers say what happened, in the right words', () => {
  it('a group word alone (decision) names the commands it starts, not "no command"', async () => {
    h = await harness();
    const r = await h.say(alice, 'decision');
    expect(r.failed).toBe(true);
    expect(text(r)).toBe('"decision" needs a second word: decision show, decision accept, decision reject, decision supersede or decision check. Or did you mean decisions?\nType help to see every command.');
  });

  it('halt DEP-0 is refused as a deployment id, not looked up as an environment', async () => {
    h = await harness();
    expect(text(await h.say(bob, 'halt DEP-0 --reason x'))).toBe('"DEP-0" is not an id; expected something like DEP-12 or 12.');
    expect(text(await h.say(bob, 'halt INC-2'))).toBe('INC-2 is an incident id; this needs a deployment id such as DEP-12.');
    expect(text(await h.say(bob, 'halt qa --reason x'))).toMatch(/^There is no environment "qa"/);
  });

  it('deploys of a service or environment that does not exist says so; an empty history names the filter', async () => {
    h = await harness();
    expect(text(await h.say(alice, 'deploys nosuch'))).toBe('There is no service "nosuch"; the services are api, web.');
    expect(text(await h.say(alice, 'deploys api qa'))).toMatch(/^There is no environment "qa"/);
    expect(text(await h.say(alice, 'deploys api production'))).toBe('No deployments of api to production yet.');
  });

  it('a line halted as asked is a warning, not a failure', async () => {
    h = await harness();
    const r = await h.say(bob, 'halt production --reason error rate is climbing');
    expect(r.failed).toBeFalsy();
    expect(r.message.tone).toBe('warning');
  });

  it('decisions --service web lists the decisions that count for web: its own and the all-service ones', async () => {
    h = await harness();
    await h.say(alice, 'decide "Use PostgreSQL" --category database');
    await h.say(alice, 'decide "Web CDN" --category infrastructure --service web');
    await h.say(alice, 'decide "API cache" --category infrastructure --service api');
    const r = await h.say(alice, 'decisions --service web');
    expect(r.message.text).toBe('D-2 · proposed · infrastructure · web — Web CDN\nD-1 · proposed · database · all services — Use PostgreSQL');
  });

  it('a recurring freeze says how long in the duration grammar, not "3780 minutes" or "1 minutes"', async () => {
    h = await harness();
    expect(text(await h.say(bob, 'freeze staging --cron "0 18 * * 5" --duration 63h --reason weekend'))).toBe('FRZ-1: staging is frozen every "0 18 * * 5" (UTC) for 2d 15h (weekend).');
    expect(text(await h.say(bob, 'freeze production --cron "0 12 * * *" --duration 1m --reason lunch'))).toMatch(/for 1m \(lunch\)\.$/);
  });
});
