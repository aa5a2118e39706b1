"""A photo job reads and writes by absolute paths: a Dask worker's working folder is
not the client's (QA F15B-14: relative paths failed on every photo of a real cluster)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from milia.batch.jobs import _PhotoJob, _with_overlay_names


def test_a_job_made_here_runs_from_another_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    client, worker = tmp_path / "client", tmp_path / "worker"
    (client / "coll").mkdir(parents=True)
    (client / "ov").mkdir()
    worker.mkdir()
    Image.new("RGB", (96, 96), (200, 150, 120)).save(client / "coll" / "x.jpg")
    monkeypatch.chdir(client)  # the client names paths relative to its folder
    (item,) = _with_overlay_names(["coll/x.jpg"])
    job = _PhotoJob(None, str(Path("ov").absolute()), overlay_shown="ov")
    monkeypatch.chdir(worker)  # the worker runs elsewhere
    record = job(item)
    assert "error" not in record, record
    assert record["path"] == "coll/x.jpg"  # named as given
    assert record["overlay"] == str(Path("ov") / "x.overlay.png")
    assert (client / "ov" / "x.overlay.png").is_file()
    assert not (worker / "ov").exists()
