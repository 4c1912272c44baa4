import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { successes } from '../../bot/deployments/find.js';
import { launch, screenshot, seriousViolations, skipWithoutChromium } from './browser.js';
import { startBoard, type Board } from './support.js';

// One browser for the file: Chromium on two busy cores is slow to start.
let browser: Browser;
const WAIT = { timeout: 60_000 };

describe.skipIf(skipWithoutChromium())('the board in real headless Chromium', () => {
  beforeAll(async () => {
    browser = await launch();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
  });

  /** A fresh browser profile signed in through the link `board` sent `person` in chat. */
  async function signedIn(board: Board, person: string): Promise<Page> {
    const context: BrowserContext = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    onTestFinished(() => context.close());
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    await page.goto(await board.link(person));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/board$/, WAIT);
    return page;
  }

  it('signs in through a chat-issued link, and the matrix matches the store after a deploy', async () => {
    const board = await startBoard();
    await board.say('alice', 'deploy api 1.4.2 to staging');
    await board.app.settle();
    const page = await signedIn(board, 'alice');
    expect(await page.textContent('header')).toContain('Signed in as Alice');
    for (const service of ['api', 'web']) {
      for (const env of ['staging', 'production']) {
        const [live] = await board.app.ops.store.read((tx) => successes(tx, service, env));
        const cell = page.locator(`td[data-cell="${service}|${env}"]`);
        expect(await cell.getAttribute('data-version')).toBe(live?.version ?? '');
        expect(await cell.locator('.cell-link').textContent()).toBe(live?.version ?? 'never deployed');
      }
    }
    await screenshot(page, 'board-matrix');
    expect(await seriousViolations(page)).toEqual([]);
    // The first Tab reaches the skip link; the cell links are reachable by keyboard and lead to the service.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.locator('td[data-cell="api|staging"] a').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/board\/services\/api/, WAIT);
    expect(await page.locator('#env-staging + table').textContent()).toContain('DEP-1');
    await screenshot(page, 'board-service');
    expect(await seriousViolations(page)).toEqual([]);
  }, 240_000);

  it('changes a cell live, without a reload, when a deploy finishes', async () => {
    const board = await startBoard();
    const page = await signedIn(board, 'alice');
    await page.waitForFunction(() => document.getElementById('live-status')?.textContent?.startsWith('Live'), undefined, WAIT);
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    expect(await page.locator('td[data-cell="web|staging"]').getAttribute('data-version')).toBe('');
    await board.say('alice', 'deploy web 3.1.0 to staging');
    await board.app.settle();
    await page.waitForSelector('td[data-cell="web|staging"][data-version="3.1.0"]', WAIT);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(await page.locator('td[data-cell="web|staging"] .cell-link').textContent()).toBe('3.1.0');
  }, 240_000);

  it('opens an incident from the list and shows its timeline to the second, with the postmortem', async () => {
    const board = await startBoard();
    await board.say('alice', 'decide Nightly pg_dump backups --category database --service api');
    await board.say('alice', 'incident declare Checkout returns 502 --sev 1 --service api');
    await board.app.advance(61_000);
    await board.say('alice', 'incident update INC-1 Rolled back DEP-3; error rate falling');
    const page = await signedIn(board, 'alice');
    await page.getByRole('link', { name: 'Incidents' }).click();
    await page.waitForURL(/\/board\/incidents$/, WAIT);
    await screenshot(page, 'board-incidents');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'INC-1 Checkout returns 502' }).click();
    await page.waitForURL(/\/board\/incidents\/INC-1$/, WAIT);
    const entries = await page.locator('ol.timeline li').allTextContents();
    expect(entries.length).toBeGreaterThanOrEqual(2);
    expect(entries.some((e) => /\d\d:\d\d:\d\d UTC · update · alice: Rolled back DEP-3; error rate falling/.test(e))).toBe(true);
    expect(await page.getByRole('heading', { name: 'Postmortem' }).count()).toBe(1);
    await screenshot(page, 'board-incident');
    expect(await seriousViolations(page)).toEqual([]);
  }, 240_000);

  it('shows DORA charts and decisions with no serious accessibility violations', async () => {
    const board = await startBoard();
    await board.say('alice', 'decide Nightly pg_dump backups --category database --service api --context Restores must be *tested*');
    await board.say('alice', 'deploy api 1.0.0 to staging');
    await board.app.settle();
    const page = await signedIn(board, 'alice');
    await page.goto(new URL('/board/dora?service=api&env=staging', page.url()).toString());
    expect(await page.locator('svg[role="img"]').count()).toBe(4);
    await page.getByText('Definition of change fail rate').click();
    expect(await page.getByText('Share of changes that went out').isVisible()).toBe(true);
    await screenshot(page, 'board-dora');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Decisions' }).click();
    await page.getByLabel('Words').fill('pg_dump');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/text=pg_dump/, WAIT);
    await screenshot(page, 'board-decisions');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'D-1 Nightly pg_dump backups' }).click();
    expect(await page.locator('.markdown em', { hasText: /^tested$/ }).count()).toBe(1);
    await screenshot(page, 'board-decision');
    expect(await seriousViolations(page)).toEqual([]);
  }, 240_000);
});
