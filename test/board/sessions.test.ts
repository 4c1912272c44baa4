import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../bin/config.js';
import { startBoard } from './support.js';

describe('signing in to the board with a link from chat', () => {
  it('opens a session from a one-time link that the board command answers privately', async () => {
    const board = await startBoard();
    const link = await board.link('alice');
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/board\/signin\/[\w-]{43}$/);
    const signed = await board.signIn(link);
    expect(signed.status).toBe(303);
    expect(signed.cookie).toMatch(/^dayops_board=[\w-]{43}$/);
    const page = await board.get('/board', signed.cookie);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Signed in as Alice');
    expect(page.body).toContain('data-cell="api|production"');
    const audit = await board.app.ops.store.queryAudit({ limit: 5 });
    expect(audit.some((e) => e.action === 'board.signin' && e.actor.person === 'alice')).toBe(true);
  });

  it('sets the cookie HttpOnly and SameSite=Lax, Secure when the public URL is https, for the configured hours', async () => {
    const config = loadConfig({ DAYOPS_PUBLIC_URL: 'https://ops.example.com' });
    config.board = { ...config.board, sessionHours: 2 };
    const board = await startBoard({ config });
    const link = await board.link('alice');
    expect(link.startsWith('https://ops.example.com/board/signin/')).toBe(true);
    const secret = link.slice(link.lastIndexOf('/') + 1);
    const res = await fetch(`${board.app.url}/board/signin`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ secret }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Secure');
    expect(cookie).toContain('Max-Age=7200');
  });

  it('refuses a link used twice, and the second use says why', async () => {
    const board = await startBoard();
    const link = await board.link('alice');
    expect((await board.signIn(link)).status).toBe(303);
    const again = await board.signIn(link);
    expect(again.status).toBe(403);
    expect(again.cookie).toBeUndefined();
    expect(again.body).toContain('already used');
  });

  it('refuses a link older than ten minutes', async () => {
    const board = await startBoard();
    const link = await board.link('alice');
    board.app.clock.advance(10 * 60_000);
    const late = await board.signIn(link);
    expect(late.status).toBe(403);
    expect(late.cookie).toBeUndefined();
    expect(late.body).toContain('expired');
  });

  it('shows no page without a session, nor with a forged or expired cookie', async () => {
    const board = await startBoard();
    expect((await board.get('/board')).status).toBe(401);
    expect((await board.get('/board', 'dayops_board=' + 'A'.repeat(43))).status).toBe(401);
    expect((await board.get('/board/services/api', 'dayops_board=../../etc')).status).toBe(401);
    const { cookie } = await board.signIn(await board.link('alice'));
    expect((await board.get('/board', cookie)).status).toBe(200);
    board.app.clock.advance(12 * 3_600_000);
    expect((await board.get('/board', cookie)).status).toBe(401);
  });

  it('refuses a sign-in posted from another site', async () => {
    const board = await startBoard();
    const link = await board.link('alice');
    const secret = link.slice(link.lastIndexOf('/') + 1);
    const res = await fetch(`${board.app.url}/board/signin`, { method: 'POST', redirect: 'manual', headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ secret }).toString() });
    expect(res.status).toBe(403);
    const fromBrowser = await fetch(`${board.app.url}/board/signin`, { method: 'POST', redirect: 'manual', headers: { 'sec-fetch-site': 'cross-site', 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ secret }).toString() });
    expect(fromBrowser.status).toBe(403);
    // The link was not spent by the refused attempt.
    expect((await board.signIn(link)).status).toBe(303);
  });

  it('applies the person’s roles: a viewer may look at the board but not at the audit log', async () => {
    const board = await startBoard();
    const viewer = await board.signIn(await board.link('carol'));
    expect((await board.get('/board', viewer.cookie)).status).toBe(200);
    const audit = await board.get('/board/audit', viewer.cookie);
    expect(audit.status).toBe(403);
    expect(audit.body).toContain('You need the audit permission');
    expect(audit.body).not.toContain('board.signin');
    const admin = await board.signIn(await board.link('bob'));
    const allowed = await board.get('/board/audit', admin.cookie);
    expect(allowed.status).toBe(200);
    expect(allowed.body).toContain('board.signin');
  });

  it('shows the public status view only when an admin turned it on', async () => {
    const off = await startBoard();
    expect((await off.get('/board/status')).status).toBe(404);
    const config = loadConfig({});
    config.board = { ...config.board, publicStatus: true };
    const on = await startBoard({ config });
    const status = await on.get('/board/status');
    expect(status.status).toBe(200);
    expect(status.body).toContain('data-cell="api|staging"');
    expect((await on.get('/board/incidents')).status).toBe(401);
  });
});
