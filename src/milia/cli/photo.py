"""CLI commands for photo analysis (registered by :mod:`milia.cli.main`).

``milia photo analyze IMAGE|- --format json|text [--mm-per-pixel X] [--overlay OUT.png]
[--max-pixels N]``

``-`` reads the photo from standard input; the overlay's format follows its
suffix (.png, .jpg/.jpeg, .webp). The overlay never replaces the photo being
analysed. Photos above the pixel limit (default 50 MP, setting
``MILIA_MAX_IMAGE_PIXELS``) are refused before decoding; ``--max-pixels``
raises the limit for one run (e.g. 108- or 200-MP phone photos).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from milia.cli.photo_options import MaxPixelsOption, pixel_limit, pixel_limit_hint, quiet_decoders
from milia.errors import ImageError, PixelLimitError

photo_app = typer.Typer(
    help="Find, count and measure milia-like bumps in a photo (a screening aid, not a diagnosis).",
    no_args_is_help=True,
)


def _text(result: dict[str, Any]) -> str:
    img = result["image"]
    lines = [f"Photo {img['width']} x {img['height']} px"]
    if "no skin found" in result.get("quality", []):
        lines.append("Scale: not used (no skin found)")  # QA F12-15: "from face" on coins
    elif img["mm_per_pixel"] is not None:
        unc = img.get("scale_relative_uncertainty")
        spread = f" (about ±{unc * 100:.0f} %)" if unc else ""
        lines.append(f"Scale: {img['mm_per_pixel']:.4f} mm/px from {img['scale_source']}{spread}")
    else:
        lines.append("Scale: unknown (sizes in px only; pass --mm-per-pixel)")
    from milia.imaging.words import plain_group, plain_kind, plain_region

    if result.get("ita"):
        group = plain_group(str(result["ita"]["group"]))
        lines.append(f"Skin tone: ITA {result['ita']['degrees']}° ({group})")
    counts = result["counts"]
    lines.append(f"Milia-like: {counts['milia_like']}   Inflamed: {counts['inflamed']}")
    if result.get("counts_reliable") is False:
        # A bare 0 from a blurred or dark photo must not read as a clean result.
        notes = ("no face found", "other skin not searched")  # not why a count is doubted
        # each reason in words: "no skin found; photo too small" (QA F12-15: was
        # "photo no skin found, too small")
        why = "; ".join(
            q if q.startswith("no ") else f"photo {q}"
            for q in result.get("quality", [])
            if q not in notes
        )
        if not why and "no face found" in result.get("quality", []):
            why = "photo without a face: its scale was guessed"  # QA F4-60
        lines.append(
            f"NOT A RELIABLE COUNT ({why}): bumps may have been missed, so these "
            "numbers do not mean there are none; see the notes below."
        )
    from milia.imaging.overlay import kinds_by_region, region_summary

    regions = "; ".join(
        f"{plain_region(r)} {region_summary(k)}" for r, k in kinds_by_region(result).items()
    )
    if regions:  # by kind: counts.by_region adds milia-like and inflamed together
        lines.append(f"By region: {regions}")
    if result["lesions"]:
        lines.append("Findings (numbered as on the overlay; row/col in px of the photo):")
    for k, les in enumerate(result["lesions"], start=1):
        size = (
            f"{les['diameter_mm']:.1f} mm"
            if les["diameter_mm"] is not None
            else f"{les['diameter_px']:.0f} px"
        )
        lines.append(
            f"  {k:>3}. {plain_kind(les['kind']):<10} {plain_region(les['region']):<14} "
            f"row {les['row']:.0f} "
            f"col {les['col']:.0f}"
            f"  {size}  confidence {les['confidence']:.2f}"
        )
    for detail in result.get("quality_details", []):
        lines.append(f"Note: {detail}")
    lines.append(result["disclaimer"])
    return "\n".join(lines)


def _overlay_path(raw: str) -> Path:
    """The file ``--overlay`` names, refusing a folder before the analysis (QA F4-62).

    ``''``, ``.``, ``..``, ``/``, ``~`` and any existing folder name no file;
    a leading ``~`` is the home folder, as a shell would expand it.
    """
    if not raw.strip():
        raise ImageError(
            "--overlay '' names no file (an empty name is the current folder); give a "
            "file name such as out.png",
            field="overlay",
            suggestion="out.png",
        )
    path = Path(raw).expanduser() if raw.startswith("~") else Path(raw)
    if path.name in ("", ".", "..") or path.is_dir():
        raise ImageError(
            f"--overlay {raw!r} is a folder; give a file name such as out.png",
            field="overlay",
            suggestion=str(path / "out.png"),
        )
    return path


def _refuse_overwriting_the_photo(image: str, overlay: Path) -> None:
    """Refuse ``--overlay`` naming the photo being analysed (QA F4-48).

    The overlay is a downscaled, metadata-free drawing; writing it over the
    input would destroy what may be the only copy of a clinical photo.
    """
    if image == "-":
        return
    source = Path(image)
    same = overlay.resolve() == source.resolve()
    if not same and overlay.exists() and source.exists():
        try:
            same = os.path.samefile(overlay, source)  # hard links, case-folding file systems
        except OSError:
            same = False
    if same:
        suggestion = str(source.with_name(f"{source.stem}.overlay.png"))
        raise ImageError(
            f"--overlay {str(overlay)!r} would overwrite the photo being analysed; give "
            "another file name for the overlay",
            field="overlay",
            suggestion=suggestion,
        )


def _read_image(image: str) -> bytes:
    """The photo's bytes from a path, or from standard input for ``-``."""
    if image == "-":
        buffer = getattr(sys.stdin, "buffer", None)
        if sys.stdin.isatty():
            raise ImageError(
                "- reads the photo from standard input, which is a terminal here; pipe a "
                "photo in, e.g. milia photo analyze - < face.jpg",
                field="image",
            )
        if buffer is None:
            raise ImageError(
                "standard input is a text stream; pipe the photo's bytes into milia",
                field="image",
            )
        data: bytes = buffer.read()
        if not data:
            raise ImageError(
                "nothing was read from standard input; pipe a photo, e.g. "
                "milia photo analyze - < face.jpg",
                field="image",
            )
        return data
    path = Path(image)
    if path.is_dir():
        raise ImageError(
            f"{image!r} is a folder, not a photo; give one photo file, or analyse every "
            "photo in the folder with milia batch photos",
            field="image",
            suggestion=f"milia batch photos {image}",
        )
    from milia.imaging.io import read_photo_file  # imaging loads only when used

    return read_photo_file(path)


@photo_app.command("analyze")
def analyze(
    image: Annotated[
        str,
        typer.Argument(
            metavar="IMAGE",
            help="Photo file: JPEG, PNG, WebP (HEIC with milia\\[heif]); - reads standard input.",
        ),
    ],
    format: Annotated[
        str, typer.Option("--format", "-f", metavar="<json|text>", help="Output: json or text.")
    ] = "text",
    mm_per_pixel: Annotated[
        float | None, typer.Option("--mm-per-pixel", help="Known scale, mm per px.")
    ] = None,
    overlay: Annotated[
        str | None,
        typer.Option(
            "--overlay",
            help="Write the photo with findings circled; .png, .jpg/.jpeg or .webp "
            "(format from the suffix, no metadata).",
        ),
    ] = None,
    max_pixels: MaxPixelsOption = None,
) -> None:
    """Count and measure milia-like and inflamed bumps in IMAGE."""
    format = format.lower()
    if format not in ("json", "text"):
        raise ImageError(
            f"--format must be 'json' or 'text', not {format!r}", field="format", suggestion="json"
        )
    from milia.imaging.analyze import analyze_photo
    from milia.imaging.io import format_for_path
    from milia.imaging.overlay import render_overlay

    limit = pixel_limit(max_pixels)
    # Check the overlay's name before the (slow) analysis.
    out = _overlay_path(overlay) if overlay is not None else None
    overlay_fmt = format_for_path(out) if out is not None else None
    if out is not None:
        _refuse_overwriting_the_photo(image, out)
    data = _read_image(image)
    try:
        with quiet_decoders():  # libjpeg's and Pillow's own messages (QA F9-C05)
            result = analyze_photo(data, mm_per_pixel=mm_per_pixel, max_pixels=limit)
    except PixelLimitError as err:
        raise pixel_limit_hint(err, limit) from None
    if out is not None and overlay_fmt is not None:
        try:
            with quiet_decoders():
                drawn = render_overlay(data, result, fmt=overlay_fmt, max_pixels=limit)
            out.write_bytes(drawn)
        except OSError as err:
            raise ImageError(
                f"cannot write the overlay to {str(out)!r}: {err.strerror}", field="overlay"
            ) from None
    if format == "json":
        typer.echo(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        typer.echo(_text(result))


def register(app: typer.Typer) -> None:
    """Add the ``photo`` command group to the root milia app."""
    app.add_typer(photo_app, name="photo")
