"""`npm run bench:jupyterlab-specs` (scripts/jupyterlab-specs.mjs): its own parts, no browser.

What is tried: the command without a JupyterLab source, with one that does not exist and
with a git source lacking the tag (each: a clear message in English and French, exit 2,
nothing started); the choice of the screenshot-free tests on a small spec folder; the
comparison of two Playwright JSON reports. The runs themselves are in
docs/jupyterlab-specs.md.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COMMAND = ROOT / "scripts" / "jupyterlab-specs.mjs"


def _command(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "JUPYTERLAB_SOURCE"}
    return subprocess.run(
        ["node", str(COMMAND), *args],
        capture_output=True, text=True, env={**environment, **(env or {})}, timeout=120,
    )


def test_without_a_source_it_says_what_to_do_in_english_and_french() -> None:
    result = _command()
    assert result.returncode == 2
    assert "JUPYTERLAB_SOURCE=/path/to/jupyterlab npm run bench:jupyterlab-specs" in result.stderr
    assert "Les specs de JupyterLab ne sont dans aucun paquet" in result.stderr


def test_a_missing_source_is_named(tmp_path: Path) -> None:
    result = _command("--source", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert f"{tmp_path / 'nowhere'} does not exist" in result.stderr


def test_a_git_source_without_the_tag_says_how_to_get_it(tmp_path: Path) -> None:
    repo = tmp_path / "jupyterlab"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    result = _command("--source", str(repo), "--ref", "v9.9.9")
    assert result.returncode == 2
    assert "v9.9.9 is not in" in result.stderr
    assert "git fetch --tags" in result.stderr
    assert "récupérez-le" in result.stderr


def test_unknown_options_are_refused() -> None:
    result = _command("--source", str(ROOT), "--only", "both")
    assert result.returncode == 2
    assert "--only: stock or candyce, not both" in result.stderr


def test_a_port_that_is_not_one_is_refused() -> None:
    for port in ("80", "8888x", "70000"):
        result = _command("--source", str(ROOT), "--port", port)
        assert result.returncode == 2
        assert f"--port: a port number from 1024 to 65535, not {port}" in result.stderr


def test_a_port_in_use_is_refused_before_any_server_starts(tmp_path: Path) -> None:
    source = tmp_path / "jupyterlab"
    for folder in ("galata/test/jupyterlab", "galata/test/galata/notebooks"):
        (source / folder).mkdir(parents=True)
    (source / "galata/test/jupyterlab/a.test.ts").write_text(
        "import { test } from '@jupyterlab/galata';\ntest('a', async () => {});\n"
    )
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = _command("--source", str(source), "--only", "stock", "--port", str(port))
    assert result.returncode == 2
    assert f"Port {port} is in use" in result.stderr
    assert f"Le port {port} est occupé" in result.stderr
    assert "jupyter lab ready" not in result.stdout


SPEC = """import { expect, test } from '@jupyterlab/galata';

test.describe('A', () => {
  test('no screenshot', async ({ page }) => {
    await expect(page.locator('x')).toHaveCount(1);
  });

  test('a screenshot', async ({ page }) => {
    expect(await page.screenshot()).toMatchSnapshot('a.png');
  });
});

for (const kind of ['one', 'two']) {
  test(`kind ${kind}`, async ({ page }) => {
    await page.click('y');
  });
}

test.skip('skipped but kept', async () => {});
"""


def test_tests_that_take_screenshots_are_left_out(tmp_path: Path) -> None:
    (tmp_path / "a.test.ts").write_text(SPEC)
    (tmp_path / "b.spec.ts").write_text(
        "import { test } from '@jupyterlab/galata';\n"
        "test('b', async ({ page }) => { await expect(page).toHaveScreenshot(); });\n"
    )
    (tmp_path / "utils.ts").write_text("export const x = 1;\n")
    out = _node(
        "import('./scripts/jupyterlab-specs/select.mjs').then(m =>"
        f" console.log(JSON.stringify(m.screenshotFreeTests({json.dumps(str(tmp_path))}))))"
    )
    assert out == {"kept": ["a.test.ts:4", "a.test.ts:14", "a.test.ts:19"], "left": 2}


def test_two_reports_are_compared_title_by_title(tmp_path: Path) -> None:
    def report(statuses: dict[str, str]) -> Path:
        specs = [
            {"title": title, "tests": [{"status": status}]} for title, status in statuses.items()
        ]
        suite = {"title": "x.test.ts", "specs": [], "suites": [{"title": "X", "specs": specs}]}
        path = tmp_path / f"{len(list(tmp_path.iterdir()))}.json"
        path.write_text(json.dumps({"suites": [suite]}))
        return path

    stock = report({"a": "expected", "b": "expected", "c": "flaky", "d": "unexpected"})
    candyce = report({"a": "expected", "b": "unexpected", "c": "expected", "d": "flaky"})
    out = _node(
        "import('./scripts/jupyterlab-specs/report.mjs').then(m =>"
        f" console.log(JSON.stringify(m.compareReports(m.readReport({json.dumps(str(stock))}),"
        f" m.readReport({json.dumps(str(candyce))})))))"
    )
    assert out["stock"] == {"passed": 3, "flaky": 1, "failed": 1, "skipped": 0, "total": 4}
    assert out["candyce"] == {"passed": 3, "flaky": 1, "failed": 1, "skipped": 0, "total": 4}
    assert out["onlyStock"] == ["x.test.ts › X › b"]
    assert out["onlyCandyce"] == ["x.test.ts › X › d"]


def _node(code: str) -> dict:
    result = subprocess.run(
        ["node", "-e", code], cwd=ROOT, capture_output=True, text=True, check=True, timeout=60
    )
    return json.loads(result.stdout)
