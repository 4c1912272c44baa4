import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import axe from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium: browser downloads are not used, the system's browser is. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_INSTALL_HINT = 'apt-get update && apt-get install -y chromium';
const CI = process.env.CI === 'true';

/** For `describe.skipIf`: on CI a missing browser is a failure, elsewhere a skip that says what to install. */
export function skipWithoutChromium(): boolean {
  if (existsSync(CHROMIUM)) return false;
  if (CI) throw new Error(`Chromium is missing on CI; install it with: ${CHROMIUM_INSTALL_HINT}`);
  return true;
}

export const SCREENSHOTS = join(process.cwd(), 'test-results', 'board');

export async function launch(): Promise<Browser> {
  await mkdir(SCREENSHOTS, { recursive: true });
  // Root in a container has no user namespace for the sandbox.
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'], timeout: 120_000 });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export interface AxeViolation {
  id: string;
  impact: string | null | undefined;
  help: string;
  nodes: string[];
}

/** axe-core injected into the page, WCAG 2 A and AA rules; the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axe.source });
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
