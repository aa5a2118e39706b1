"""The bytes of a photo: read from a path, taken as bytes, or read from a file object.

:func:`milia.imaging.io.open_photo` reads its input here (both names are
re-exported by :mod:`milia.imaging.io`).
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from milia.errors import ImageError

__all__ = ["PhotoSource", "read_photo_file", "read_source"]

#: What :func:`open_photo` reads: a path, the encoded bytes, or a binary file-like object.
PhotoSource = str | Path | bytes | bytearray | memoryview | BinaryIO


def read_photo_file(path: str | Path) -> bytes:
    """The bytes of the photo file at ``path``.

    Raises
    ------
    ImageError
        ``path`` is a folder, does not exist or cannot be read (field ``image``).
    """
    path = Path(path)
    if path.is_dir():
        raise ImageError(
            f"{str(path)!r} is a folder, not a photo; give one photo file "
            "(a whole folder is analysed by the batch tools)",
            field="image",
        )
    if not path.is_file():
        raise ImageError(f"no photo at {str(path)!r}; check the path", field="image")
    try:
        return path.read_bytes()
    except OSError as err:
        raise ImageError(
            f"cannot read the photo {str(path)!r} ({err.strerror})", field="image"
        ) from None


def read_source(source: PhotoSource) -> bytes:
    """The encoded bytes of a photo given as a path, bytes or a binary file object.

    Raises
    ------
    ImageError
        The file cannot be read, was opened in text mode, or ``source`` is of
        another type (field ``image``).
    """
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source)
    if isinstance(source, str | Path):
        return read_photo_file(source)
    read = getattr(source, "read", None)
    if callable(read):
        try:
            data = read()
        except (OSError, ValueError) as err:
            raise ImageError(
                f"cannot read the photo from the file object ({err})", field="image"
            ) from None
        if isinstance(data, str):
            raise ImageError(
                "the file object was opened in text mode; open the photo with mode 'rb'",
                field="image",
            )
        if isinstance(data, bytes | bytearray | memoryview):
            return bytes(data)
    raise ImageError(
        "image must be a path, bytes, a binary file object, a PIL image or an RGB numpy "
        f"array, not {type(source).__name__}",
        field="image",
    )
