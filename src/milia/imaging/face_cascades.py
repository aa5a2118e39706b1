"""The face and eye cascades, loaded once per thread from the installed packages.

OpenCV's Haar cascades (``cv2.data.haarcascades``, present in
``opencv-python-headless<5``) and scikit-image's LBP frontal face cascade,
run by OpenCV's classifier or, without it (OpenCV 5), by scikit-image's own.
Nothing is downloaded. :mod:`milia.imaging.face` runs them.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

__all__ = ["haar", "lbp", "lbp_opencv", "per_thread"]

_T = TypeVar("_T")


def per_thread(load: Callable[..., _T]) -> Callable[..., _T]:
    """Cache ``load``'s result per thread and per arguments (QA F7-39).

    An OpenCV ``CascadeClassifier`` must not run ``detectMultiScale`` in two threads
    at once (its scale data is shared: ``cv2.error ... getScaleData``); the web app
    analyses photos in a thread pool and a Dask worker runs tasks in threads. Each
    thread loads its own classifier once (tens of milliseconds) and keeps it.
    """
    local = threading.local()

    @functools.wraps(load)
    def cached(*args: Any) -> _T:
        store: dict[tuple[Any, ...], _T] | None = getattr(local, "store", None)
        if store is None:
            store = local.store = {}
        if args not in store:
            store[args] = load(*args)
        return store[args]

    return cached


@per_thread
def haar(name: str) -> Any:
    """OpenCV's Haar cascade ``name`` (e.g. ``haarcascade_eye.xml``), or None without it."""
    try:
        import cv2

        path = cv2.data.haarcascades + name  # type: ignore[attr-defined]
        cascade = cv2.CascadeClassifier(path)
        return None if cascade.empty() else cascade
    except (ImportError, AttributeError):  # OpenCV 5 dropped the cascades
        return None


@per_thread
def lbp() -> Any:
    """scikit-image's LBP frontal face cascade, run by scikit-image (slower than OpenCV)."""
    from skimage import data, feature

    return feature.Cascade(data.lbp_frontal_face_cascade_filename())  # type: ignore[no-untyped-call]


@per_thread
def lbp_opencv() -> Any:
    """scikit-image's LBP face cascade loaded into OpenCV's (faster) classifier, or None."""
    try:
        import cv2
        from skimage import data

        path = data.lbp_frontal_face_cascade_filename()  # type: ignore[no-untyped-call]
        text = Path(path).read_text(encoding="utf-8")
        # scikit-image's copy misspells one tag, which OpenCV's reader then refuses.
        text = text.replace("featuhreParams", "featureParams")
        storage = cv2.FileStorage(text, cv2.FILE_STORAGE_READ | cv2.FILE_STORAGE_MEMORY)
        cascade = cv2.CascadeClassifier()
        ok = cascade.read(storage.getFirstTopLevelNode())
        storage.release()
        return cascade if ok and not cascade.empty() else None
    except Exception:  # OpenCV 5 (no CascadeClassifier) or an unreadable cascade (cv2.error)
        return None
