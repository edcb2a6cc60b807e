"""The set-up script `./candyce`: prerequisites, registries and interrupted steps.

Each test runs a copy of the script in a throw-away folder, with small fake `node`,
`npm` and `python` programs on PATH that record what they are asked to do, so
that the test exercises the script's own decisions without downloading anything.
What was tried: Node.js absent or too old, Python too old, no Chromium, the Python index
and the npm registry unreachable, a build that fails half-way, then succeeds.
"""

from __future__ import annotations

import shutil
import stat
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "candyce"

FAKE_NODE = """#!/bin/sh
if [ "$1" = --version ]; then echo "v${FAKE_NODE_VERSION:-20.20.0}"; exit 0; fi
echo "node $*" >> "$FAKE_LOG"
env | grep '^CANDYCE_' | sort >> "$FAKE_LOG"
"""

FAKE_NPM = """#!/bin/sh
echo "npm $*" >> "$FAKE_LOG"
case "$1" in
  ping) [ -z "$FAKE_NPM_OFFLINE" ] ;;
  ci) mkdir -p node_modules ;;
  run)
    [ -z "$FAKE_BUILD_FAILS" ] || { echo "build failed" >&2; exit 3; }
    mkdir -p extensions/x/lib && echo built > extensions/x/lib/built ;;
esac
"""

# A fake interpreter: reports a version, "creates" virtualenvs that contain itself, and
# pretends to install packages.
FAKE_PYTHON = """#!/bin/sh
echo "python $*" >> "$FAKE_LOG"
case "$1" in
  --version) echo "Python ${FAKE_PYTHON_VERSION:-3.11.7}" ;;
  -c)
    case "$2" in
      *version_info*) echo "${FAKE_PYTHON_VERSION:-3.11.7}" | cut -d. -f1,2 ;;
    esac ;;
  -m)
    case "$2" in
      venv) mkdir -p "$3/bin"; cp "$0" "$3/bin/python" ;;
      pip)
        case "$*" in
          *download*) [ -z "$FAKE_PYPI_OFFLINE" ] ;;
        esac ;;
    esac ;;
esac
"""


# What the script needs from the system; PATH holds only these and the fakes, so that a
# Node.js or Python installed on the machine cannot stand in for a missing one.
# (chmod is for the fakes.)
SYSTEM_COMMANDS = (
    "bash sh cat chmod cp cut dirname env find grep head mkdir mktemp mv printf pwd rm sed "
    "sha256sum sort timeout xargs"
).split()


def write_program(path: Path, text: str) -> None:
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A minimal repository around a copy of the script, and fake tools."""
    root = tmp_path / "repo"
    root.mkdir()
    shutil.copy(SCRIPT, root / "candyce")
    for name in ("requirements.lock", "package-lock.json", "package.json", "pyproject.toml"):
        (root / name).write_text("{}\n")
    (root / "extensions" / "x" / "src").mkdir(parents=True)
    (root / "extensions" / "x" / "src" / "index.ts").write_text("export {};\n")
    (root / "platform" / "overrides.d").mkdir(parents=True)
    (root / "platform" / "overrides.d" / "x.json").write_text("{}\n")
    (root / "platform" / "jupyter_server_config.json").write_text("{}\n")
    (root / "platform" / "page_config.json").write_text("{}\n")
    tools = tmp_path / "bin"
    tools.mkdir()
    write_program(tools / "node", FAKE_NODE)
    write_program(tools / "npm", FAKE_NPM)
    write_program(tools / "python3", FAKE_PYTHON)
    system = tmp_path / "system"
    system.mkdir()
    for command in SYSTEM_COMMANDS:
        found = shutil.which(command)
        assert found, f"{command} is needed by ./candyce"
        (system / command).symlink_to(found)
    chromium = tmp_path / "chromium"
    write_program(chromium, "#!/bin/sh\n")
    return root


def run(repo: Path, command: str, **env: str) -> subprocess.CompletedProcess[str]:
    tools = repo.parent / "bin"
    base = {
        "PATH": f"{tools}:{repo.parent / 'system'}",
        "HOME": str(repo.parent),
        "FAKE_LOG": str(repo.parent / "log"),
        "CANDYCE_PYTHON": str(tools / "python3"),
        "CANDYCE_CHROMIUM": str(repo.parent / "chromium"),
        # Whether this machine has bubblewrap is not what these tests are about.
        "CANDYCE_SANDBOX": "none",
    }
    return subprocess.run(
        ["bash", str(repo / "candyce"), command],
        cwd=repo,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def log(repo: Path) -> list[str]:
    path = repo.parent / "log"
    return path.read_text().splitlines() if path.exists() else []


def error_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if "erreur" in line]


def test_start_sets_up_once_then_skips_every_step(repo: Path) -> None:
    first = run(repo, "start")
    assert first.returncode == 0, first.stderr
    calls = log(repo)
    assert any(line.startswith("npm ci") for line in calls)
    # The set-up asks the environments engine first; then the hub starts.
    hub = next(
        i for i, line in enumerate(calls) if line.startswith("node ") and line.endswith("hub/lib/cli.js serve")
    )
    hub_env = set(calls[hub + 1 :])
    assert {"CANDYCE_DEMO=true", "CANDYCE_HOST=127.0.0.1", "CANDYCE_PORT=8000"} <= hub_env
    assert f"CANDYCE_VENV_DIR={repo / '.venv'}" in hub_env
    assert f"CANDYCE_DATA_DIR={repo / '.candyce' / 'data'}" in hub_env

    (repo.parent / "log").unlink()
    second = run(repo, "start")
    assert second.returncode == 0, second.stderr
    assert "à jour" in second.stdout and "déjà construites" in second.stdout
    calls = log(repo)
    assert not [c for c in calls if c.startswith(("npm ci", "npm run", "python -m venv", "python -m pip"))]
    assert any(c.startswith("node ") and c.endswith("hub/lib/cli.js serve") for c in calls)


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"FAKE_NO_NODE": "1"}, "Node.js est introuvable"),
        ({"FAKE_NODE_VERSION": "18.19.0"}, "Node.js 18.19.0 est trop ancien"),
        ({"FAKE_PYTHON_VERSION": "3.9.18"}, "Python 3.9 est trop ancien"),
        ({"CANDYCE_PYTHON": "/nonexistent/python3"}, "Python est introuvable"),
        ({"FAKE_PYPI_OFFLINE": "1"}, "L'index des paquets Python ne répond pas"),
        ({"FAKE_NPM_OFFLINE": "1"}, "Le registre npm ne répond pas"),
    ],
)
def test_bad_prerequisites_get_one_clear_line(repo: Path, env: dict[str, str], message: str) -> None:
    if env.pop("FAKE_NO_NODE", None):
        (repo.parent / "bin" / "node").unlink()
    result = run(repo, "start", **env)
    assert result.returncode == 1
    lines = error_lines(result)
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert not any(line.startswith("node ") for line in log(repo))


def test_no_chromium_is_reported_before_any_set_up(repo: Path) -> None:
    result = run(repo, "test", CANDYCE_CHROMIUM="/nonexistent/chromium")
    assert result.returncode == 1
    assert "Chromium est introuvable" in error_lines(result)[0]
    assert log(repo) == []


def test_an_interrupted_build_is_redone_not_trusted(repo: Path) -> None:
    failed = run(repo, "start", FAKE_BUILD_FAILS="1")
    assert failed.returncode != 0
    assert not (repo / ".candyce" / "stamps" / "build").exists()
    assert not any(line.startswith("node ") for line in log(repo))

    (repo.parent / "log").unlink()
    retried = run(repo, "start")
    assert retried.returncode == 0, retried.stderr
    assert "npm run --silent build" in log(repo)
    assert (repo / ".candyce" / "stamps" / "build").exists()


def test_a_changed_requirement_rebuilds_the_venv_from_scratch(repo: Path) -> None:
    assert run(repo, "start").returncode == 0
    leftover = repo / ".venv" / "half-installed"
    leftover.write_text("x")
    (repo / "requirements.lock").write_text("jupyterlab==4.6.4\n")
    assert run(repo, "start").returncode == 0
    assert not leftover.exists()


def test_unknown_command_prints_usage(repo: Path) -> None:
    result = run(repo, "deploy")
    assert result.returncode == 2
    assert "usage: ./candyce start | ./candyce test" in result.stderr
    assert not (repo / ".candyce").exists()
