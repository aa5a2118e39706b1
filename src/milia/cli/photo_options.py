"""Options shared by the commands that read photos (``photo analyze``, ``batch photos``).

``--max-pixels`` is declared once here: its help, its default (the setting
``MILIA_MAX_IMAGE_PIXELS``) and the hint an over-limit photo's error gives.
"""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer

from milia.errors import PixelLimitError

__all__ = ["MaxPixelsOption", "pixel_limit", "pixel_limit_hint", "quiet_decoders"]

#: ``--max-pixels N``: raise (or lower) the pixel limit for one run.
MaxPixelsOption = Annotated[
    int | None,
    typer.Option(
        "--max-pixels",
        min=1,
        help="Refuse photos with more pixels than this (default 50000000, or the "
        "setting MILIA_MAX_IMAGE_PIXELS); e.g. 200000000 for a 200-MP phone photo.",
    ),
]


def pixel_limit(max_pixels: int | None) -> int:
    """The limit of this run: ``--max-pixels`` when given, else the setting or its default.

    Only the setting MILIA_MAX_IMAGE_PIXELS matters here: another one that is
    invalid for the web server (e.g. production without a secret key) does not
    stop a photo analysis; an invalid MILIA_MAX_IMAGE_PIXELS does.
    """
    if max_pixels is not None:
        return max_pixels
    if not any(name.upper() == "MILIA_MAX_IMAGE_PIXELS" for name in os.environ):
        # Settings reads it from the environment only (names in any case): unset, it is
        # the default, without loading pydantic-settings (0.3 s of CPU per command).
        from milia.imaging.io import DEFAULT_MAX_PIXELS

        return DEFAULT_MAX_PIXELS
    from milia.config import Settings
    from milia.errors import ConfigError

    try:
        return int(Settings().max_image_pixels)
    except ConfigError as err:
        if err.field == "max_image_pixels" or "MILIA_MAX_IMAGE_PIXELS" in err.message:
            raise
        return int(Settings.model_fields["max_image_pixels"].default)


def pixel_limit_hint(err: PixelLimitError, max_pixels: int) -> PixelLimitError:
    """Say how to raise the pixel limit from the command line (QA F4-45).

    The core's advice is for Python callers ("raise max_pixels"); the CLI's
    names its option and the setting, from the error's fields.
    """
    return err.with_advice(
        f"resize it, or raise the limit for this run with --max-pixels N (now {max_pixels}) "
        "or for every run with the setting MILIA_MAX_IMAGE_PIXELS"
    )


@contextmanager
def quiet_decoders() -> Iterator[None]:
    """Keep the image decoders' own chatter off the terminal while a photo is read.

    A damaged file made libjpeg write "Corrupt JPEG data: 96 extraneous bytes
    before marker 0xc0" straight to file descriptor 2, and Pillow's TIFF reader
    Python warnings with source paths, before milia's one-line error (QA F9-C05):
    it read like a crash. Inside this block Python warnings are ignored and
    descriptor 2 points at the null device; milia's own messages are written
    after it. Where standard error is not a real descriptor (tests, embedding),
    only the warnings are silenced.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            sys.stderr.flush()
            saved = os.dup(2)
        except (OSError, ValueError, AttributeError):
            yield
            return
        try:
            with open(os.devnull, "w", encoding="utf-8") as null:
                os.dup2(null.fileno(), 2)
                try:
                    yield
                finally:
                    os.dup2(saved, 2)
        finally:
            os.close(saved)
