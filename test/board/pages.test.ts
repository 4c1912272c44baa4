import { describe, expect, it } from 'vitest';
import { startBoard } from './support.js';

describe('board pages, read from the store', () => {
  it('shows in the matrix what a finished deploy put there, and the service page lists it', async () => {
    const board = await startBoard();
    const { cookie } = await board.signIn(await board.link('alice'));
    await board.say('alice', 'deploy api 1.4.2 to staging');
    await board.app.settle();
    const d = await board.app.ops.store.read((tx) => tx.get('deployment', 'DEP-1'));
    expect(d?.state).toBe('succeeded');
    const matrix = await board.get('/board', cookie);
    expect(matrix.body).toMatch(/data-cell="api\|staging" data-version="1\.4\.2"/);
    expect(matrix.body).toMatch(/data-cell="web\|staging" data-version=""/);
    expect(matrix.body).toContain('missing database, monitoring, security, success-criteria');
    const service = await board.get('/board/services/api', cookie);
    expect(service.status).toBe(200);
    expect(service.body).toContain('DEP-1');
    expect(service.body).toContain('succeeded');
    expect((await board.get('/board/services/nope', cookie)).status).toBe(404);
  });

  it('shows a lock, an approval waiting n of m, and escapes what people typed', async () => {
    const board = await startBoard();
    const { cookie } = await board.signIn(await board.link('bob'));
    await board.say('bob', 'lock staging --reason <script>alert(1)</script>');
    for (const category of ['database', 'monitoring', 'security', 'success-criteria']) {
      await board.say('alice', `decide ${category} plan --category ${category} --service api`);
    }
    for (let n = 1; n <= 4; n++) await board.say('bob', `decision accept D-${n}`);
    await board.say('alice', 'deploy api 2.0.0 to production');
    const matrix = (await board.get('/board', cookie)).body;
    expect(matrix).toContain('locked');
    expect(matrix).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(matrix).not.toContain('<script>alert');
    expect(matrix).toMatch(/data-cell="api\|production"[^>]*data-in-flight="DEP-1"/);
    expect(matrix).toContain('0 of 1 approvals');
    expect(matrix).toMatch(/ready/);
  });

  it('renders an incident to the second with its postmortem, and a decision as MADR', async () => {
    const board = await startBoard();
    const { cookie } = await board.signIn(await board.link('alice'));
    await board.say('alice', 'decide Nightly pg_dump backups --category database --service api --context We lose *nothing* older than a day');
    await board.say('alice', 'incident declare Checkout returns 502 --sev 1 --service api');
    await board.say('alice', 'incident update INC-1 Rolled back');
    const incidents = await board.get('/board/incidents', cookie);
    expect(incidents.body).toContain('INC-1 Checkout returns 502');
    const incident = await board.get('/board/incidents/INC-1', cookie);
    expect(incident.status).toBe(200);
    expect(incident.body).toMatch(/<time datetime="[^"]+">\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC<\/time> · <span class="small">update<\/span>/);
    expect(incident.body).toContain('Postmortem');
    expect(incident.body).toContain('<h2>INC-1: Checkout returns 502</h2>');
    const decision = await board.get('/board/decisions/D-1', cookie);
    expect(decision.body).toContain('<h1>Nightly pg_dump backups</h1>');
    expect(decision.body).toContain('<em>nothing</em>');
    expect(decision.body).toContain('Context and Problem Statement');
    const search = await board.get('/board/decisions?text=pg_dump', cookie);
    expect(search.body).toContain('1 decision found');
    expect((await board.get('/board/decisions?text=nothing-like-it', cookie)).body).toContain('0 decisions found');
  });

  it('draws the four DORA keys over 13 weeks with the numbers beside and the definitions', async () => {
    const board = await startBoard();
    const { cookie } = await board.signIn(await board.link('alice'));
    await board.say('alice', 'deploy api 1.0.0 to staging');
    await board.app.settle();
    await board.app.advance(60_000);
    const dora = await board.get('/board/dora?service=api&env=staging', cookie);
    expect(dora.status).toBe(200);
    for (const title of ['Deployment frequency', 'Change lead time', 'Change fail rate', 'Failed deployment recovery time']) expect(dora.body).toContain(`-title">${title}</h2>`);
    expect(dora.body.match(/<svg /g)).toHaveLength(4);
    expect(dora.body.match(/<details>/g)).toHaveLength(4);
    expect(dora.body).toContain('1 (0.14/day)');
  });
});
