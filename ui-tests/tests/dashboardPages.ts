import { expect } from '@playwright/test';
import type { Browser, Locator, Page } from '@playwright/test';

import { demoLogin, HUB, hubCallFromPage, logIn } from './fixtures';

/**
 * What the dashboards' UI specs share: a French signed-in browser at 1366×768, the
 * check that nothing scrolls sideways, and forgetting the dashboard choices a spec
 * saved (the demo has none), so that a retry or the next spec starts with every
 * indicator shown.
 */

/** A French browser context at 1366×768, signed in to the hub. */
export async function signedIn(browser: Browser, name: string): Promise<Page> {
  const context = await browser.newContext({
    locale: 'fr-FR',
    viewport: { width: 1366, height: 768 },
    acceptDownloads: true
  });
  const page = await context.newPage();
  await logIn(page, demoLogin(name));
  return page;
}

/**
 * The user's JupyterLab on a fresh workspace, once its launcher shows, then the
 * dashboard the address names (`programme`, `establishment`…): its board.
 */
export async function openDashboard(
  page: Page,
  name: string,
  dashboard: string
): Promise<Locator> {
  await page.goto(`${HUB}/user/${name}/lab?reset`);
  await page.locator('.jp-Launcher').first().waitFor({ timeout: 120_000 });
  await page.goto(`${HUB}/user/${name}/lab?candyce-dashboard=${dashboard}`);
  return page.locator('.cdc-Dashboard:visible');
}

/** Nothing in the dashboard scrolls sideways at 1366×768. */
export async function expectFits(page: Page): Promise<void> {
  const overflow = await page
    .locator('.cdc-Dashboard:visible')
    .evaluate(node => node.scrollWidth - node.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** The dashboard choices of these pages' users as the demo has them: none. */
export async function forgetDashboardChoices(
  ...pages: readonly Page[]
): Promise<void> {
  for (const page of pages) {
    await hubCallFromPage(page, 'PUT', '/me/dashboard-preferences', {
      dashboards: {}
    });
  }
}
