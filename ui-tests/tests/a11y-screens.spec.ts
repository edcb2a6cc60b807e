import { expect, test } from './fixtures';
import { IScan, Screen, SCREENS, Theme, visitScreens } from './a11yScreens';

/**
 * axe-core on every screen, in the default and the high contrast themes: stock
 * JupyterLab (the page opened with `?a11y=off`, JupyterLab's own high contrast
 * theme) against Candyce (@candyce/a11y on, its high contrast theme), in the same
 * run. The notebook screen must have no violation at all on the whole page; every
 * other screen fewer than stock. The last test of each theme prints both counts.
 */
test.use({ autoGoto: false });

function table(
  theme: Theme,
  stock: Map<Screen, IScan>,
  candyce: Map<Screen, IScan>
): string {
  const cell = (scan?: IScan) =>
    scan ? `${scan.rules} rules / ${scan.nodes} nodes` : 'n/a';
  return [
    `axe violations, whole page, theme ${theme}: stock JupyterLab | Candyce`,
    ...SCREENS.map(
      screen =>
        `  ${screen.padEnd(24)} ${cell(stock.get(screen)).padEnd(24)} | ${cell(candyce.get(screen))}`
    ),
    ...SCREENS.map(
      screen =>
        `  [stock] ${screen}: ${stock.get(screen)?.ids ?? 'n/a'}\n  [candyce] ${screen}: ${candyce.get(screen)?.ids ?? 'n/a'}`
    )
  ].join('\n');
}

const results = new Map<string, Map<Screen, IScan>>();

test.describe.serial('axe-core, stock JupyterLab against Candyce', () => {
  for (const theme of ['default', 'high contrast'] as Theme[]) {
    for (const a11y of [false, true]) {
      test(`every screen, ${theme} theme, ${a11y ? 'Candyce' : 'stock JupyterLab'}`, async ({
        page,
        tmpPath
      }) => {
        test.setTimeout(600_000);
        // Galata's settings and state mocks are per test: each visit starts afresh.
        await page.goto(`tree/${tmpPath}?reset${a11y ? '' : '&a11y=off'}`);
        results.set(`${theme} ${a11y}`, await visitScreens(page, theme, a11y));
      });
    }

    test(`${theme} theme: Candyce has fewer violations than stock, none on the notebook screen`, () => {
      const stock = results.get(`${theme} false`);
      const candyce = results.get(`${theme} true`);
      expect(stock).toBeDefined();
      expect(candyce).toBeDefined();
      console.log(table(theme, stock!, candyce!));
      expect(candyce!.get('notebook')?.ids).toBe('none');
      expect(candyce!.get('Candyce: accessibility')?.ids).toBe('none');
      for (const screen of SCREENS) {
        const before = stock!.get(screen);
        const after = candyce!.get(screen);
        if (!before || !after) {
          continue;
        }
        expect
          .soft(after.nodes, `${screen}: nodes`)
          .toBeLessThan(Math.max(before.nodes, 1));
        expect
          .soft(after.rules, `${screen}: rules`)
          .toBeLessThanOrEqual(before.rules);
      }
    });
  }
});
