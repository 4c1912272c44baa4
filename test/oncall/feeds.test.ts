import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { oncallImportCommand } from '../../bin/oncall-commands.js';
import { removeDir, startWorld, textOf, type OncallWorld } from './world.js';

const worlds: OncallWorld[] = [];
afterEach(async () => {
  for (const w of worlds.splice(0)) {
    await w.stop();
    await removeDir(w.dir);
  }
});

async function feedUrls(w: OncallWorld, person: string): Promise<Record<string, string>> {
  const text = textOf(await w.say(person, 'oncall feeds'));
  return Object.fromEntries([...text.matchAll(/^(.+): (http\S+)$/gm)].map((m) => [m[1]!, m[2]!.replace(/^http:\/\/127\.0\.0\.1:0/, w.url)]));
}

describe('calendar feeds', () => {
  it('serve each schedule and each person behind an unguessable address', async () => {
    const w = await startWorld({ http: true });
    worlds.push(w);
    const urls = await feedUrls(w, 'bob');
    expect(Object.keys(urls)).toEqual(['Your shifts', 'api', 'web']);
    for (const url of Object.values(urls)) expect(url).toMatch(/\/oncall\/feeds\/[\w-]{32}\.ics$/);

    const res = await fetch(urls.api!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const ics = await res.text();
    expect(ics).toContain('DTSTART;TZID=Europe/Berlin:20260302T090000');
    expect(ics).toMatch(/BEGIN:VTIMEZONE\r\nTZID:Europe\/Berlin\r\n/);
    expect(ics).toContain('SUMMARY:alice on call (api primary)');

    const mine = await (await fetch(urls['Your shifts']!)).text();
    expect([...mine.matchAll(/^SUMMARY:(.*)$/gm)].map((m) => m[1]!.trim()).every((s) => s.startsWith('bob on call'))).toBe(true);

    // The same address every time; another one opens nothing.
    expect((await feedUrls(w, 'bob')).api).toBe(urls.api);
    const wrong = urls.api!.replace(/[\w-]{32}\.ics$/, 'A'.repeat(32) + '.ics');
    const refused = await fetch(wrong);
    expect(refused.status).toBe(404);
    expect(await refused.text()).toBe('No such calendar feed.');
  });

  it('an override shows in the feed', async () => {
    const w = await startWorld({ http: true });
    worlds.push(w);
    await w.say('alice', 'oncall override @carol --from "2026-03-05 09:00" --until "2026-03-06 09:00" --schedule api --reason dentist');
    const ics = await (await fetch((await feedUrls(w, 'carol')).api!)).text();
    expect(ics).toContain('SUMMARY:carol on call (api primary)');
    expect(ics).toContain('DESCRIPTION:Override OVR-1');
  });
});

describe('dayops oncall import', () => {
  it('stores an exported feed as a schedule that `oncall` then shows', async () => {
    const w = await startWorld({ http: true });
    const ics = await (await fetch((await feedUrls(w, 'alice')).api!)).text();
    await w.stop();
    const file = join(w.dir, 'api.ics');
    await writeFile(file, ics);
    const out: string[] = [];
    expect(await oncallImportCommand(w.config, { ical: file, name: 'api-copy', level: 'secondary', service: ['billing'] }, (l) => out.push(l))).toBe(0);
    expect(out).toEqual(['Imported api-copy: bob, carol, alice, weekly from 2026-03-02 09:00 Europe/Berlin (9 shifts read).']);

    const again = await startWorld({ dir: w.dir, clock: w.clock });
    worlds.push(again);
    expect(textOf(await again.say('maria', 'oncall billing'))).toBe(['On call now', 'api-copy (billing)', '  secondary: bob until 2026-03-09 09:00 CET'].join('\n'));
    const audit = await again.app.ops.store.queryAudit({ target: 'api-copy' });
    expect(audit.map((e) => e.action)).toEqual(['oncall.import']);
  });

  it('refuses, with the reason, a calendar that is not a rotation, and changes nothing', async () => {
    const w = await startWorld();
    await w.stop();
    const file = join(w.dir, 'bad.ics');
    await writeFile(file, 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n');
    expect(await oncallImportCommand(w.config, { ical: file, name: 'x' }, () => {})).toBe(1);
    expect(await oncallImportCommand(w.config, { ical: 'http://example.com/rota.ics', name: 'x' }, () => {})).toBe(1);
    const after = await startWorld({ dir: w.dir, clock: w.clock });
    worlds.push(after);
    expect(await after.app.ops.store.inspect((tx) => tx.scan('oncallSchedule'))).toEqual([]);
  });
});
