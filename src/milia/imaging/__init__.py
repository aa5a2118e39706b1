"""milia.imaging: finding, counting and measuring milia-like bumps in a photo.

Photo analysis needs the ``imaging`` extra (Pillow, scikit-image, OpenCV). Without
it, importing this package raises :class:`milia.errors.ConfigError` that says
which extra to install (QA F6-15: a bare install died with ``ModuleNotFoundError``
and a traceback), so the CLI exits 2 with one line and Python callers of
:func:`milia.analyze_photo` get a :class:`milia.errors.MiliaError`.
"""

from __future__ import annotations

from importlib.util import find_spec

from milia.errors import ConfigError

#: the modules photo analysis imports, with the distributions that provide them
IMAGING_MODULES = {"PIL": "pillow", "skimage": "scikit-image", "cv2": "opencv-python-headless"}


def _missing() -> list[str]:
    """The distributions of :data:`IMAGING_MODULES` that cannot be imported."""
    out = []
    for module, distribution in IMAGING_MODULES.items():
        try:
            found = find_spec(module) is not None
        except (ImportError, ValueError):  # a broken or blocked install
            found = False
        if not found:
            out.append(distribution)
    return out


if _absent := _missing():
    raise ConfigError(
        f"photo analysis needs the 'imaging' extra ({', '.join(_absent)} missing): "
        "pip install 'milia[imaging]'"
    )
