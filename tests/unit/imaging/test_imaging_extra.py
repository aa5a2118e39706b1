"""Without the 'imaging' extra, photo analysis says which extra to install (QA F6-15)."""

from __future__ import annotations

import sys

import pytest

import milia
from cli_runner import run_cli
from milia.errors import ConfigError, MiliaError


def _without(monkeypatch: pytest.MonkeyPatch, module: str) -> None:
    """As if ``module`` were not installed: import fails and ``find_spec`` finds nothing."""
    for name in [n for n in sys.modules if n == "milia.imaging" or n.startswith("milia.imaging.")]:
        monkeypatch.delitem(sys.modules, name)  # restored after the test
    monkeypatch.setitem(sys.modules, module, None)


@pytest.mark.parametrize(
    ("module", "distribution"),
    [("PIL", "pillow"), ("skimage", "scikit-image"), ("cv2", "opencv-python-headless")],
)
def test_analyze_photo_raises_a_milia_error_naming_the_extra(
    monkeypatch: pytest.MonkeyPatch, module: str, distribution: str
) -> None:
    _without(monkeypatch, module)
    with pytest.raises(ConfigError) as info:
        milia.analyze_photo("photo.jpg")
    assert isinstance(info.value, MiliaError)
    assert "pip install 'milia[imaging]'" in info.value.message
    assert distribution in info.value.message


@pytest.mark.parametrize(
    "args", [["photo", "analyze", "photo.jpg"], ["batch", "photos", "photo.jpg"]]
)
def test_photo_commands_exit_2_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    _without(monkeypatch, "PIL")
    code, out, err = run_cli(args, capsys)
    assert code == 2
    assert "Traceback" not in out + err and "ModuleNotFoundError" not in out + err
    assert "needs the 'imaging' extra" in err and "pip install 'milia[imaging]'" in err
    assert "photos " not in err  # no progress bar started before the check


def test_with_the_extra_the_package_imports() -> None:
    import milia.imaging

    assert set(milia.imaging.IMAGING_MODULES) == {"PIL", "skimage", "cv2"}
