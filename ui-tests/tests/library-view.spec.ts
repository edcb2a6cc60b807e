import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

import {
  demoLogin,
  expectNoAxeViolationIn,
  HUB,
  logIn,
  tabTo
} from './fixtures';

/**
 * The « Bibliothèque » view in the main area (issue 21, point 1), at 1366×768 as a
 * teacher's laptop shows it: opened from the sidebar's search box, no horizontal
 * scrolling, collapsible facets that widen a search (OR within a facet), results as
 * cards, a card's preview with its actions, all from the keyboard, axe-clean, and
 * restored with the workspace.
 */
test.use({ viewport: { width: 1366, height: 768 } });

test.describe('The « Bibliothèque » view', () => {
  test.setTimeout(240_000);

  test('searches, filters, previews and acts from the keyboard at 1366×768', async ({
    page
  }) => {
    await logIn(page, demoLogin('m.curie'));
    await page.goto(`${HUB}/user/m.curie/lab?reset`);
    await page.waitForURL(/\/user\/m\.curie\/lab/, { timeout: 90_000 });
    await page.locator('.jp-Launcher').first().waitFor({ timeout: 90_000 });

    // The sidebar keeps a search box: it opens the view in the main area.
    await page.locator('.lm-TabBar-tab[data-id="cdc-library-entry"]').click();
    const entry = page.locator('#cdc-library-entry');
    await entry.getByLabel('Trouver une ressource').fill('données');
    await entry.getByLabel('Trouver une ressource').press('Enter');
    const view = page.locator('#jp-main-dock-panel #cdc-library');
    await expect(view).toBeVisible({ timeout: 20_000 });
    const search = view.getByLabel('Rechercher dans la bibliothèque');
    await expect(search).toHaveValue('données');
    await expect(view.getByRole('heading', { level: 2 })).toHaveText(
      'Bibliothèque'
    );
    const count = view.locator('.cdc-Library-count');
    await expect(count).toHaveText(/^\d+ ressources? trouvées?$/, {
      timeout: 20_000
    });
    const cards = view.locator('.cdc-Library-card');
    await expect(cards.first()).toBeVisible();
    // A card: title, disciplines and levels, summary.
    await expect(
      cards.first().getByRole('list', { name: 'Disciplines et niveaux' })
    ).toBeVisible();
    await expect(cards.first().locator('.cdc-Library-summary')).not.toBeEmpty();
    await expectNoHorizontalScroll(page);
    await page.screenshot({ path: '/tmp/shots/library-results.png' });

    // Facet groups collapse and expand again.
    const levels = view.getByRole('group', { name: /^Niveaux/ });
    const levelsToggle = levels.getByRole('button', { name: /^Niveaux/ });
    await expect(levelsToggle).toHaveAttribute('aria-expanded', 'true');
    await expect(levels.getByRole('checkbox').first()).toBeVisible();
    await levelsToggle.click();
    await expect(levelsToggle).toHaveAttribute('aria-expanded', 'false');
    await expect(levels.getByRole('checkbox')).toHaveCount(0);
    await levelsToggle.press('Enter');
    await expect(levelsToggle).toHaveAttribute('aria-expanded', 'true');

    // OR within a facet: with SNT ticked, SES keeps its count (counted without the
    // discipline filter); ticking it too widens the search by that many results.
    const disciplines = view.getByRole('group', { name: /^Disciplines/ });
    const snt = disciplines.getByRole('checkbox', { name: /^SNT/ });
    const ses = disciplines.getByRole('checkbox', { name: /^SES/ });
    const sntCount = await facetCount(snt);
    const sesCount = await facetCount(ses);
    expect(sntCount).toBeGreaterThan(0);
    expect(sesCount).toBeGreaterThan(0);
    await snt.check();
    await expect(disciplines).toContainText('1 choisie');
    await expect.poll(() => total(count), { timeout: 20_000 }).toBe(sntCount);
    expect(await facetCount(ses)).toBe(sesCount);
    await ses.check();
    await expect(disciplines).toContainText('2 choisies');
    await expect
      .poll(() => total(count), { timeout: 20_000 })
      .toBe(sntCount + sesCount);
    const sntTotal = sntCount;
    // Every card found is SNT or SES.
    for (const card of await cards.all()) {
      await expect(card.locator('.cdc-Library-chip').first()).toHaveText(
        /^(SNT|SES) /
      );
    }
    await expectNoAxeViolationIn(page, '#cdc-library');

    // From the keyboard: the search field, then « Aller aux résultats » (or Tab
    // through the filters) to the first card; Enter opens its preview.
    await search.focus();
    const firstCard = cards.first().getByRole('button');
    const cardTitle = (await firstCard.textContent()) ?? '';
    await page.keyboard.press('Tab');
    const skip = view.getByRole('button', { name: 'Aller aux résultats' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(firstCard).toBeFocused();
    await search.focus();
    await tabTo(page, firstCard, 80);
    await page.keyboard.press('Enter');
    const title = view.locator('#cdc-Resource-title');
    await expect(title).toHaveText(cardTitle);
    await expect(title).toBeFocused();
    const preview = view.locator('.cdc-Preview');
    await expect(preview.locator('.cdc-Preview-cell').first()).toBeVisible({
      timeout: 20_000
    });
    await expect(view.locator('.cdc-Resource-details')).toContainText(
      'Licence'
    );
    await expect(preview.locator('script')).toHaveCount(0);
    await expectNoHorizontalScroll(page);
    await page.screenshot({ path: '/tmp/shots/library-preview.png' });
    await expectNoAxeViolationIn(page, '#cdc-library');

    // Every action of the page is reached with Tab; « Donner en devoir » opens its
    // form (left without creating anything).
    for (const action of [
      view.getByRole('button', { name: 'Ouvrir une copie' }),
      view.getByRole('link', { name: 'Télécharger (zip Binder)' }),
      view.getByRole('button', { name: 'Recommander', exact: true }),
      view.getByRole('button', { name: 'Donner en devoir' })
    ]) {
      await title.focus();
      await tabTo(page, action, 20);
    }
    await page.keyboard.press('Enter');
    const assign = page.locator('.cdc-AssignDialog');
    await expect(assign).toContainText(`« ${cardTitle} »`);
    // The dialog has the focus (it is modal): Escape closes it, and only it.
    await expect(page.locator('.jp-Dialog :focus')).toHaveCount(1);
    await page.keyboard.press('Escape');
    await expect(title).toBeVisible();
    await expect(assign).toHaveCount(0);

    // Escape returns to the results, the focus to the card.
    await title.focus();
    await page.keyboard.press('Escape');
    await expect(search).toBeVisible();
    await expect(firstCard).toBeFocused();
    await expect(count).toHaveText(
      `${sntTotal + sesCount} ressources trouvées`
    );

    // From the palette the focus lands in the view's search field, and stays there.
    await page.locator('.lm-TabBar-tab[data-id="cdc-library-entry"]').click();
    const palette = page.locator('#command-palette .lm-CommandPalette-input');
    await expect(async () => {
      await page.keyboard.press('Control+Shift+C');
      await expect(palette).toBeFocused({ timeout: 2000 });
    }).toPass({ timeout: 20_000 });
    await page.keyboard.type('Bibliothèque');
    await expect(
      page.locator('#command-palette .lm-CommandPalette-item.lm-mod-active')
    ).toContainText('Bibliothèque');
    await page.keyboard.press('Enter');
    await expect(search).toBeFocused();
    await page.waitForTimeout(1000);
    await expect(search).toBeFocused();

    // The workspace restores the view in the main area.
    await page.waitForTimeout(2000);
    await page.reload();
    await expect(view).toBeVisible({ timeout: 90_000 });
    await expect(view.getByRole('heading', { level: 2 })).toHaveText(
      'Bibliothèque'
    );
  });
});

/** The number of results the count announces. */
async function total(count: Locator): Promise<number> {
  return Number(/^(\d+)/.exec((await count.textContent()) ?? '')?.[1] ?? NaN);
}

/** The count a facet value shows beside its label. */
async function facetCount(checkbox: Locator): Promise<number> {
  const label = checkbox.locator('xpath=ancestor::label');
  return Number(await label.locator('.cdc-Library-facetCount').textContent());
}

/**
 * Neither the page nor any part of the view scrolls sideways.
 */
async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const wide = await page.evaluate(() => {
    const view = document.querySelector('#cdc-library');
    const nodes = [
      document.documentElement,
      document.body,
      ...(view ? [view, ...view.querySelectorAll('*')] : [])
    ];
    return nodes
      .filter(node => {
        const style = getComputedStyle(node);
        const scrolls =
          node === document.documentElement ||
          node === document.body ||
          ['auto', 'scroll'].includes(style.overflowX);
        return scrolls && node.scrollWidth > node.clientWidth;
      })
      .map(node => `${node.tagName}.${node.className}`);
  });
  expect(wide).toEqual([]);
}
