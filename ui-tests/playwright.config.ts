/**
 * Playwright configuration: galata's defaults, Debian's Chromium, and a real
 * `jupyter lab` from the Candyce virtualenv (see jupyter_server_test_config.py).
 */
import { defineConfig } from '@playwright/test';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const baseConfig = require('@jupyterlab/galata/lib/playwright-config');

const chromium = process.env.CANDYCE_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  ...baseConfig,
  // Only the specs: the hub writes its data folder (.hub-data) here while tests are
  // listed, and a scan of the whole folder can trip over its temporary files.
  testDir: './tests',
  // Screenshots are not compared: the specs assert on the DOM and on axe.
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: [['list']],
  use: {
    ...baseConfig.use,
    locale: 'fr-FR',
    // Playwright's video recorder is a separate download, which CI cannot fetch.
    video: 'off',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update'
      ]
    }
  },
  webServer: [
    {
      command: 'npm start',
      url: 'http://localhost:8888/lab',
      timeout: 120 * 1000,
      reuseExistingServer: !process.env.CI
    },
    {
      // The hub with fresh demo data (tests/hub.spec.ts reads its demo logins).
      command: 'npm run start:hub',
      url: 'http://127.0.0.1:8010/hub/login',
      timeout: 60 * 1000,
      reuseExistingServer: false,
      // Servers outlive a killed hub (it re-attaches to them); stopping it gracefully
      // with CANDYCE_STOP_SERVERS_ON_EXIT ends the pupils' servers it started.
      gracefulShutdown: { signal: 'SIGTERM', timeout: 15 * 1000 }
    }
  ]
});
