/**
 * Reading Playwright's JSON reports of JupyterLab's specs, and comparing two runs.
 */
import * as fs from 'node:fs';

/**
 * The outcome of every test of a Playwright JSON report, by title
 * (`file › describe › test`), and the counts.
 *
 * A test is `passed` (first try), `flaky` (passed on its retry, counted as passed as
 * Playwright does), `failed` or `skipped`.
 */
export function readReport(file) {
  const json = JSON.parse(fs.readFileSync(file, 'utf-8'));
  const outcomes = new Map();
  const visit = (suite, titles) => {
    const here = suite.title ? [...titles, suite.title] : titles;
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        const title = [...here, spec.title].join(' › ');
        outcomes.set(title, outcomeOf(test.status));
      }
    }
    for (const child of suite.suites ?? []) {
      visit(child, here);
    }
  };
  for (const suite of json.suites ?? []) {
    visit(suite, []);
  }
  const count = outcome =>
    [...outcomes.values()].filter(o => o === outcome).length;
  const flaky = count('flaky');
  return {
    outcomes,
    passed: count('passed') + flaky,
    flaky,
    failed: count('failed'),
    skipped: count('skipped'),
    total: outcomes.size
  };
}

/** Playwright's test status (expected, flaky, unexpected, skipped) as an outcome. */
function outcomeOf(status) {
  switch (status) {
    case 'expected':
      return 'passed';
    case 'flaky':
      return 'flaky';
    case 'skipped':
      return 'skipped';
    default:
      return 'failed';
  }
}

const passes = outcome => outcome === 'passed' || outcome === 'flaky';

/**
 * Both runs' counts, and the tests that pass on one side only (a test missing from one
 * report counts as not passing there).
 */
export function compareReports(stock, candyce) {
  const titles = [
    ...new Set([...stock.outcomes.keys(), ...candyce.outcomes.keys()])
  ].sort();
  const counts = ({ outcomes: _outcomes, ...rest }) => rest;
  return {
    stock: counts(stock),
    candyce: counts(candyce),
    onlyStock: titles.filter(
      t => passes(stock.outcomes.get(t)) && !passes(candyce.outcomes.get(t))
    ),
    onlyCandyce: titles.filter(
      t => passes(candyce.outcomes.get(t)) && !passes(stock.outcomes.get(t))
    )
  };
}

/** Both runs' counts side by side, then the tests that pass on one side only. */
export function printComparison({ stock, candyce, onlyStock, onlyCandyce }) {
  const row = (label, s, c) =>
    console.log(
      `${label.padEnd(12)}${String(s).padStart(8)}${String(c).padStart(10)}`
    );
  console.log('\nJupyterLab specs      stock   Candyce');
  row('passed', stock.passed, candyce.passed);
  row('failed', stock.failed, candyce.failed);
  row('flaky', stock.flaky, candyce.flaky);
  row('skipped', stock.skipped, candyce.skipped);
  row('total', stock.total, candyce.total);
  row('minutes', stock.minutes.toFixed(1), candyce.minutes.toFixed(1));
  console.log(`\nPass on stock, fail on Candyce (${onlyStock.length}):`);
  for (const title of onlyStock) {
    console.log(`  ✗ ${title}`);
  }
  if (onlyCandyce.length > 0) {
    console.log(`\nFail on stock, pass on Candyce (${onlyCandyce.length}):`);
    for (const title of onlyCandyce) {
      console.log(`  ✓ ${title}`);
    }
  }
}
