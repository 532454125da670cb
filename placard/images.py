"""Published images: re-encoded without any metadata, with responsive variants, cached by content."""
from __future__ import annotations

import hashlib
import io
import json
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from . import urls
from .errors import ContentError

IMAGE_SUFFIXES = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP", ".gif": "GIF"}
WIDTHS = (480, 960)
MAX_PIXELS = 50_000_000        # larger is refused, not decoded (decompression bombs)
MAX_BYTES = 30 * 1024 * 1024
QUALITY = 82
CACHE_VERSION = "1"


@dataclass(frozen=True)
class Variant:
    location: str
    width: int
    format: str      # "jpeg", "png" or "webp"


@dataclass(frozen=True)
class Photo:
    fallback: str    # the image at its own path, cleaned
    width: int
    height: int
    variants: tuple


def is_image(path: str) -> bool:
    return Path(path).suffix.lower() in IMAGE_SUFFIXES


def publish_media(media, cache_dir: Path | None):
    """(photos by media path, {location: bytes} to publish, errors) for content/media/."""
    photos, files, errors = {}, {}, []
    for item in media:
        data = Path(item.source).read_bytes()
        if not is_image(item.path):
            files[urls.media(item.path)] = data
            continue
        try:
            photo, outputs = _cached(item.path, data, cache_dir)
        except ValueError as exc:
            errors.append(ContentError(item.source, 1, str(exc), "export the image again as JPEG or PNG"))
            continue
        photos[item.path] = photo
        files.update(outputs)
    return photos, files, errors


def _cached(path: str, data: bytes, cache_dir: Path | None):
    key = hashlib.sha256(CACHE_VERSION.encode() + path.encode() + b"\0" + data).hexdigest()
    folder = cache_dir / "images" / key if cache_dir else None
    if folder and (folder / "photo.json").is_file():
        meta = json.loads((folder / "photo.json").read_text())
        outputs = {loc: (folder / name).read_bytes() for loc, name in meta["files"].items()}
        photo = Photo(meta["fallback"], meta["width"], meta["height"],
                      tuple(Variant(**v) for v in meta["variants"]))
        return photo, outputs
    photo, outputs = clean_image(path, data)
    if folder:
        folder.mkdir(parents=True, exist_ok=True)
        names = {}
        for index, (loc, blob) in enumerate(sorted(outputs.items())):
            names[loc] = f"{index}.bin"
            (folder / names[loc]).write_bytes(blob)
        meta = {"fallback": photo.fallback, "width": photo.width, "height": photo.height,
                "variants": [v.__dict__ for v in photo.variants], "files": names}
        (folder / "photo.json").write_text(json.dumps(meta))
    return photo, outputs


def clean_image(path: str, data: bytes):
    """Decode, drop every metadata block, re-encode; make smaller variants in WebP and the original kind."""
    if len(data) > MAX_BYTES:
        raise ValueError(f"the image is {len(data) // 1024 // 1024} MB; the limit is {MAX_BYTES // 1024 // 1024} MB")
    kind = IMAGE_SUFFIXES[Path(path).suffix.lower()]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.width * image.height > MAX_PIXELS:
                raise ValueError(f"the image is {image.width}x{image.height} pixels; the limit is "
                                 f"{MAX_PIXELS // 1_000_000} megapixels")
            image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as exc:
        raise ValueError(f"the image cannot be read ({exc.__class__.__name__}): it may be corrupt") from None
    animated = kind == "GIF" and getattr(image, "n_frames", 1) > 1
    base = image if animated else ImageOps.exif_transpose(image)
    outputs = {urls.media(path): _encode(base, kind, animated)}
    stem, suffix = path.rsplit(".", 1)
    variants = []
    still = _flatten(base, keep_alpha=True)
    for width in WIDTHS:
        if width >= base.width:
            continue
        height = round(base.height * width / base.width)
        small = still.resize((width, height), Image.LANCZOS)
        for fmt, ext, pil_kind in (("webp", "webp", "WEBP"), _variant_kind(small)):
            blob = _encode(small, pil_kind, False)
            digest = hashlib.sha256(blob).hexdigest()[:10]
            location = urls.media(f"{stem}.{width}.{digest}.{ext}")
            outputs[location] = blob
            variants.append(Variant(location, width, fmt))
    return Photo(urls.media(path), base.width, base.height, tuple(variants)), outputs


def _variant_kind(image):
    return ("png", "png", "PNG") if image.mode in ("RGBA", "LA") else ("jpeg", "jpg", "JPEG")


def _flatten(image, keep_alpha: bool):
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        return image.convert("RGBA") if keep_alpha else image.convert("RGB")
    return image.convert("RGB")


def _encode(image, kind: str, animated: bool) -> bytes:
    """Encode with nothing but pixels: no EXIF, XMP, ICC, comments or text chunks."""
    out = io.BytesIO()
    if kind == "GIF":
        frames = image if animated else image.convert("P") if image.mode not in ("P", "L") else image
        frames.info = {k: v for k, v in frames.info.items() if k in ("transparency", "duration", "loop")}
        frames.save(out, "GIF", save_all=animated, optimize=False)
        return out.getvalue()
    clean = image.copy() if kind != "JPEG" else _flatten(image, keep_alpha=False)
    clean.info = {}
    if kind == "JPEG":
        clean.save(out, "JPEG", quality=QUALITY, optimize=True, progressive=True)
    elif kind == "PNG":
        clean.save(out, "PNG", optimize=True)
    else:
        clean.save(out, "WEBP", quality=QUALITY, method=4)
    return out.getvalue()
