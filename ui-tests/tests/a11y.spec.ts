import AxeBuilder from '@axe-core/playwright';
import { createNotebook, expect, runFirstCell, test } from './fixtures';

/** Candyce's own DOM: every node Candyce renders carries a `cdc-` id or class. */
const CANDYCE_SELECTOR = /(^|[\s#.])cdc-/;

function describe(violations: { id: string; nodes: unknown[] }[]): string {
  return (
    violations.map(v => `${v.id} (${v.nodes.length})`).join(', ') || 'none'
  );
}

test.describe('Accessibility (axe-core)', () => {
  test('the main screen with a notebook open has no violation on the whole page', async ({
    page
  }) => {
    await createNotebook(page);
    await runFirstCell(page, 'print("Bonjour")');
    const whole = await new AxeBuilder({ page }).analyze();
    const nodes = whole.violations.reduce((sum, v) => sum + v.nodes.length, 0);
    // Stock JupyterLab 4.6.4 has 5 rules, 7 nodes here; @candyce/a11y repairs them all
    // (a11y-screens.spec.ts measures both on every screen).
    console.log(
      `axe, whole page with a notebook open: ${whole.violations.length} rules, ${nodes} nodes: ${describe(whole.violations)}`
    );
    expect(describe(whole.violations)).toBe('none');

    const inCandyce = whole.violations
      .map(v => ({
        ...v,
        nodes: v.nodes.filter(
          n =>
            n.target.some(t => CANDYCE_SELECTOR.test(String(t))) ||
            CANDYCE_SELECTOR.test(n.html)
        )
      }))
      .filter(v => v.nodes.length > 0);
    expect(describe(inCandyce)).toBe('none');

    const logo = await new AxeBuilder({ page })
      .include('#cdc-MainLogo')
      .analyze();
    expect(describe(logo.violations)).toBe('none');
  });

  test('the About dialog has no violation', async ({ page }) => {
    // The command resolves when the dialog closes: start it without waiting.
    await page.evaluate(() => {
      void window.jupyterapp.commands.execute('candyce-branding:about');
    });
    await expect(page.locator('.cdc-About')).toBeVisible();
    const dialog = await new AxeBuilder({ page })
      .include('.jp-Dialog')
      .analyze();
    expect(describe(dialog.violations)).toBe('none');
  });
});
