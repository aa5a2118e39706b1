"""Helpers for the imaging tests: photos with EXIF/GPS, in every format."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def exif_with_gps(orientation: int = 1) -> Image.Exif:
    """An EXIF block with an orientation, a camera make and a GPS position."""
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "PhoneMaker"  # Make
    exif[GPS_IFD] = {1: "N", 2: (48.0, 51.0, 24.0), 3: "E", 4: (2.0, 21.0, 3.0)}
    return exif


def encode(rgb: np.ndarray, fmt: str, **kwargs: object) -> bytes:
    """Encode an array with Pillow (metadata passed through kwargs)."""
    buffer = io.BytesIO()
    Image.fromarray(rgb).save(buffer, format=fmt, **kwargs)
    return buffer.getvalue()


def has_metadata(data: bytes) -> bool:
    """Whether an encoded image carries any EXIF tag (GPS included) or XMP."""
    try:
        import pillow_heif

        pillow_heif.register_heif_opener()
    except ImportError:  # pragma: no cover - dev extra installs it
        pass
    with Image.open(io.BytesIO(data)) as img:
        exif = img.getexif()
        return bool(len(exif)) or bool(exif.get_ifd(GPS_IFD)) or "xmp" in img.info


#: Identifiers planted in a photo's metadata (camera, person, place).
IDENTIFIERS = (b"PhoneMaker", b"Jane Doe", b"12 Rue Exemple", b"SecretPhone-1234")

_XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
    b'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Jane Doe</dc:creator>'
    b"</rdf:Description></rdf:RDF></x:xmpmeta>"
)


def icc_with_identifier() -> bytes:
    """An sRGB ICC profile whose description names a device (as phones' profiles can)."""
    from PIL import ImageCms

    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return profile + b"SecretPhone-1234"  # readers keep the bytes as they are


def encode_with_everything(rgb: np.ndarray, fmt: str) -> bytes:
    """Encode with EXIF (camera make, GPS), XMP (a creator), an ICC profile naming a
    device and a comment or text chunk (a place), as far as the format holds them."""
    from PIL import PngImagePlugin

    kwargs: dict[str, object] = {"exif": exif_with_gps(), "icc_profile": icc_with_identifier()}
    if fmt == "PNG":
        info = PngImagePlugin.PngInfo()
        info.add_itxt("XML:com.adobe.xmp", _XMP.decode())
        info.add_text("Location", "12 Rue Exemple")
        kwargs["pnginfo"] = info
    else:
        kwargs["xmp"] = _XMP
    if fmt == "JPEG":
        kwargs["comment"] = b"taken at 12 Rue Exemple"
    return encode(rgb, fmt, **kwargs)


def metadata_kinds(data: bytes) -> set[str]:
    """The kinds of metadata an encoded image carries: exif, gps, xmp, icc, comment, text."""
    try:
        import pillow_heif

        pillow_heif.register_heif_opener()
    except ImportError:  # pragma: no cover - dev extra installs it
        pass
    kinds: set[str] = set()
    with Image.open(io.BytesIO(data)) as img:
        exif = img.getexif()
        if len(exif):
            kinds.add("exif")
        if exif.get_ifd(GPS_IFD):
            kinds.add("gps")
        if img.info.get("xmp"):
            kinds.add("xmp")
        if img.info.get("icc_profile"):
            kinds.add("icc")
        if img.info.get("comment"):
            kinds.add("comment")
        if any(isinstance(v, str) for v in img.info.values()):  # PNG tEXt/iTXt chunks
            kinds.add("text")
    return kinds
