import { describe, expect, it } from 'vitest';
import { CHANNEL, harness, textOf } from './harness.js';

describe('decide', () => {
  it('records a proposed decision with every field and prints its id', async () => {
    const h = await harness();
    const r = await h.run(
      'alice',
      'decide Nightly PostgreSQL backups --category database --service api --context We lose data on a disk failure --options "pg_dump nightly; WAL archiving; none" --outcome WAL archiving to object storage --consequences A restore test every month --owner @bob',
    );
    expect(r.failed).toBeUndefined();
    expect(textOf(r)).toBe('Recorded D-1 as proposed (database, api): Nightly PostgreSQL backups');
    const d = await h.decision('D-1');
    expect(d).toMatchObject({
      id: 'D-1',
      title: 'Nightly PostgreSQL backups',
      category: 'database',
      service: 'api',
      context: 'We lose data on a disk failure',
      options: ['pg_dump nightly', 'WAL archiving', 'none'],
      outcome: 'WAL archiving to object storage',
      consequences: 'A restore test every month',
      status: 'proposed',
      owner: 'bob',
      decisionMakers: [],
      channel: CHANNEL,
      createdAt: '2026-01-05T09:00:00.000Z',
      history: [{ status: 'proposed', by: 'alice', at: '2026-01-05T09:00:00.000Z' }],
    });
  });

  it('takes the rest of the line as the title, defaults to other, all services and the recorder as owner', async () => {
    const h = await harness();
    await h.run('alice', 'decide Use   GitHub Actions, not Jenkins');
    expect(await h.decision('D-1')).toMatchObject({ title: 'Use   GitHub Actions, not Jenkins', category: 'other', owner: 'alice' });
    expect((await h.decision('D-1'))?.service).toBeUndefined();
  });

  it('accepts a quoted title holding a flag-like word, and any case of category', async () => {
    const h = await harness();
    await h.run('alice', 'decide "Run tests with --coverage" --category TOOLING');
    expect(await h.decision('D-1')).toMatchObject({ title: 'Run tests with --coverage', category: 'tooling' });
  });

  it('numbers decisions D-1, D-2, …', async () => {
    const h = await harness();
    expect(await h.decide('first')).toBe('D-1');
    expect(await h.decide('second')).toBe('D-2');
  });

  it('posts the decision message with key decision:D-n in the channel it was recorded in', async () => {
    const h = await harness();
    await h.run('alice', 'decide Use Prometheus --category monitoring', 'shell:planning');
    const outbox = await h.ops.store.inspect((tx) => tx.scan('outbox'));
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ op: 'post', channel: 'shell:planning', key: 'decision:D-1' });
    expect(outbox[0]!.message).toMatchObject({ title: 'D-1 · Use Prometheus' });
  });

  it('audits the decision', async () => {
    const h = await harness();
    await h.decide('Use Prometheus --category monitoring');
    const events = await h.ops.store.queryAudit({ target: 'D-1' });
    expect(events.map((e) => [e.action, e.actor.person, e.outcome])).toEqual([['decision.create', 'alice', 'ok']]);
  });

  describe('refuses bad input with one sentence and changes nothing', () => {
    const cases: [string, string, RegExp][] = [
      ['unknown category', 'decide Use Redis --category caching', /^There is no category "caching"; the categories are architecture, infrastructure, .*, other\.$/],
      ['title over the limit', `decide ${'x'.repeat(201)}`, /^The title is 201 characters long; keep it to 200\.$/],
      ['unknown service', 'decide Use Redis --service mobile', /^There is no service "mobile"; the services are api, web\.$/],
      ['unknown owner', 'decide Use Redis --owner @zoe', /^There is no person "zoe"; the people are alice, bob\.$/],
      ['no title', 'decide --category database', /^title is missing\.$/],
      ['empty options', 'decide Use Redis --options " ; "', /^The options are empty/],
      ['unknown flag', 'decide Use Redis --colour blue', /^There is no option --colour/],
    ];
    for (const [name, line, expected] of cases) {
      it(name, async () => {
        const h = await harness();
        const r = await h.run('alice', line);
        expect(r.failed).toBe(true);
        expect(textOf(r).split('\n')[0]).toMatch(expected);
        expect(await h.decisions()).toEqual([]);
        expect(await h.ops.store.inspect((tx) => tx.scan('outbox'))).toEqual([]);
      });
    }
  });

  it('keeps a title of exactly 200 characters', async () => {
    const h = await harness();
    const r = await h.run('alice', `decide ${'y'.repeat(200)}`);
    expect(r.failed).toBeUndefined();
    expect((await h.decision('D-1'))?.title).toHaveLength(200);
  });

  it('needs the decide permission', async () => {
    const h = await harness();
    const r = await h.run('carol', 'decide Use Redis');
    expect(r.failed).toBe(true);
    expect(textOf(r)).toMatch(/^You need the decide permission to use the decide command/);
    expect(await h.decisions()).toEqual([]);
  });
});
