"""``candyce.contents.CandyceContentsManager``: a save into a full home.

What is tried: a save whose writing fails with ENOSPC (a full home), EDQUOT (a disk
quota), ENOSPC raised while jupyter_server handled another error, and EACCES; a new file
cut short by a full home; whether deleted files go to a trash in the home. The file
system is the real one of a temporary folder; only the failing write is imitated (a real
full home is tried in hub/test/limits.spec.ts, in a real sandbox with a real quota).
"""

from __future__ import annotations

import asyncio
import errno
import sys
from pathlib import Path
from typing import Any

import pytest
from tornado import web

ROOT = Path(__file__).resolve().parents[2]
# Test this source tree, not the copy installed in the virtualenv.
sys.path.insert(0, str(ROOT / "python"))

from candyce.contents import CandyceContentsManager, is_full  # noqa: E402


def _manager(root: Path, error: OSError | None) -> CandyceContentsManager:
    """A manager over ``root`` whose file writes write half, then fail with ``error``."""
    manager = CandyceContentsManager(root_dir=str(root))
    if error is not None:

        async def failing_save(os_path: str, content: Any, fmt: Any) -> None:
            Path(os_path).write_text(str(content)[:3])
            raise error

        manager._save_file = failing_save  # type: ignore[method-assign]
    return manager


def _save(manager: CandyceContentsManager, name: str, text: str) -> Any:
    model = {"type": "file", "format": "text", "content": text}
    return asyncio.run(manager.save(model, name))


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EDQUOT])
def test_tried_a_full_home_answers_507_in_french_and_leaves_no_new_file(
    tmp_path: Path, code: int
) -> None:
    manager = _manager(tmp_path, OSError(code, "full"))
    with pytest.raises(web.HTTPError) as raised:
        _save(manager, "notes.txt", "bonjour")
    assert raised.value.status_code == 507
    message = raised.value.log_message or ""
    assert message.startswith("Votre espace personnel est plein (")
    assert "« notes.txt » n’a pas été enregistré. Supprimez des fichiers" in message
    assert "intacte" not in message
    assert not (tmp_path / "notes.txt").exists()


def test_tried_an_existing_file_is_said_kept(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("avant")
    manager = CandyceContentsManager(root_dir=str(tmp_path))

    async def failing_save(os_path: str, content: Any, fmt: Any) -> None:
        raise OSError(errno.ENOSPC, "full")

    manager._save_file = failing_save  # type: ignore[method-assign]
    with pytest.raises(web.HTTPError) as raised:
        _save(manager, "notes.txt", "après")
    assert raised.value.status_code == 507
    assert "la version précédente est intacte" in (raised.value.log_message or "")
    assert (tmp_path / "notes.txt").read_text() == "avant"


def test_tried_other_errors_are_left_as_jupyter_server_reports_them(
    tmp_path: Path,
) -> None:
    manager = _manager(tmp_path, PermissionError(errno.EACCES, "refusé"))
    with pytest.raises(web.HTTPError) as raised:
        _save(manager, "notes.txt", "bonjour")
    assert raised.value.status_code == 500
    assert "Permission denied" in str(raised.value) or "refusé" in str(raised.value)


def test_tried_enospc_seen_through_the_errors_raised_while_handling_it() -> None:
    try:
        try:
            raise OSError(errno.ENOSPC, "full")
        except OSError:
            raise FileNotFoundError("no backup to restore")  # noqa: B904
    except FileNotFoundError as error:
        assert is_full(error)
    assert not is_full(ValueError("x"))
    assert not is_full(None)


def test_tried_deleting_deletes_no_trash_in_the_home(tmp_path: Path) -> None:
    manager = CandyceContentsManager(root_dir=str(tmp_path))
    assert manager.delete_to_trash is False
    (tmp_path / "vieux.txt").write_text("x")
    asyncio.run(manager.delete("vieux.txt"))
    assert not (tmp_path / "vieux.txt").exists()
    assert not (tmp_path / ".local" / "share" / "Trash").exists()
