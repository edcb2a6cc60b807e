/**
 * Playwright configuration for JupyterLab's own UI specs (galata/test/jupyterlab),
 * run by scripts/jupyterlab-specs.mjs against a `jupyter lab` it has started on 8888.
 *
 * It follows JupyterLab's own galata/playwright.config.js (project "jupyterlab":
 * clipboard permissions, one retry as on their CI) with Debian's Chromium, and
 * `ignoreSnapshots` as their screenshot-free Firefox project does: assertions on
 * screenshots are not compared, everything else runs.
 */
const path = require('path');

const baseConfig = require('@jupyterlab/galata/lib/playwright-config');

const specsDir = process.env.CANDYCE_SPECS_DIR;
const reportFile = process.env.CANDYCE_SPECS_REPORT;
if (!specsDir || !reportFile) {
  throw new Error(
    'Run through scripts/jupyterlab-specs.mjs (CANDYCE_SPECS_DIR and CANDYCE_SPECS_REPORT unset).'
  );
}

module.exports = {
  ...baseConfig,
  testDir: specsDir,
  testMatch: ['**/*.test.ts', '**/*.spec.ts'],
  testIgnore: '**/.ipynb_checkpoints/**',
  outputDir: path.join(path.dirname(reportFile), 'test-results'),
  ignoreSnapshots: true,
  retries: 1,
  workers: 1,
  fullyParallel: false,
  reporter: [['list'], ['json', { outputFile: reportFile }]],
  use: {
    ...baseConfig.use,
    // The specs look for English labels.
    locale: 'en-US',
    video: 'off',
    contextOptions: {
      permissions: ['clipboard-read', 'clipboard-write']
    },
    launchOptions: {
      executablePath: process.env.CANDYCE_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-lcd-text'
      ]
    }
  }
};
