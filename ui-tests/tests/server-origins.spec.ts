/**
 * `serverOrigins: subdomain` in Chromium: a hub of this spec's own (port 8021, its own
 * data) serves each server at `<name>.localhost`; a pupil logs in at the hub, opens
 * her workspace on her server's origin, and a page there cannot read her hub session.
 */
import { expect, expectNoAxeViolation, test } from './fixtures';
import { IOwnHub, startOwnHub } from './ownHub';

const PORT = 8021;

let hub: IOwnHub;

test.describe('servers on origins of their own', () => {
  test.beforeAll(async () => {
    test.setTimeout(90_000);
    hub = await startOwnHub(PORT);
  });

  test.afterAll(async () => {
    await hub?.stop();
  });

  test('a pupil works on her server’s origin, which cannot read her hub session', async ({
    browser
  }) => {
    test.setTimeout(180_000);
    const hubOrigin = hub.origin;
    const serverOrigin = hub.serverOrigin('eleve1');
    const { context, page } = await hub.signIn(browser, 'eleve1');

    await page
      .getByRole('link', { name: 'Ouvrir mon espace de travail' })
      .click();
    await page.waitForURL(`${serverOrigin}/user/eleve1/lab**`, {
      timeout: 120_000
    });
    await expect(page.locator('#cdc-MainLogo')).toBeVisible({
      timeout: 90_000
    });
    // The hub's session cookie stayed on the hub's host; the server's is its own.
    const cookies = await context.cookies([hubOrigin, serverOrigin]);
    const byName = Object.fromEntries(cookies.map(c => [c.name, c]));
    expect(byName['candyce-session'].domain).toBe('localhost');
    expect(byName['candyce-server'].domain).toBe('eleve1.localhost');
    expect(byName['candyce-server'].httpOnly).toBe(true);
    expect(
      (await context.cookies(serverOrigin)).map(c => c.name)
    ).not.toContain('candyce-session');

    const seen = await page.evaluate(async hubOrigin => {
      // The hub's API on this origin: the pupil herself, through the server's cookie.
      const own = await fetch('/hub/api/v1/me').then(r => r.json());
      // The hub's origin, with the browser's cookies: CORS gives this page nothing.
      let foreign: string;
      try {
        const answer = await fetch(`${hubOrigin}/hub/api/v1/me`, {
          credentials: 'include'
        });
        foreign = `read ${answer.status}: ${await answer.text()}`;
      } catch (error) {
        foreign = `refused: ${(error as Error).name}`;
      }
      return { own: own.name as string, foreign, cookie: document.cookie };
    }, hubOrigin);
    expect(seen.own).toBe('eleve1');
    expect(seen.foreign).toBe('refused: TypeError');
    expect(seen.cookie).not.toContain('candyce');

    await page.screenshot({ path: test.info().outputPath('lab.png') });

    // A link whose code is spent or forged: a French page says what to do.
    const refused = await page.goto(`${serverOrigin}/candyce/enter?code=x`);
    expect(refused?.status()).toBe(403);
    await expect(page.getByRole('alert')).toHaveText(
      'Ce lien vers l’espace de travail n’est pas valide ou a expiré : rouvrez votre espace de travail depuis l’accueil de Candyce.'
    );
    await expect(page.locator('link[rel=stylesheet]')).toHaveCount(1);
    expect(
      await page.evaluate(
        () => getComputedStyle(document.querySelector('.cdc-header')!).display
      )
    ).toBe('flex');
    await expectNoAxeViolation(page);
    await page.screenshot({ path: test.info().outputPath('refused.png') });

    // A link to a hub page goes to the hub's origin, where the session is.
    await page.goto(`${serverOrigin}/hub/home`);
    await page.waitForURL(`${hubOrigin}/hub/home`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(
      'Bonjour'
    );
    await expectNoAxeViolation(page);
    await context.close();
  });
});
