"""The theme's CSS and JavaScript, published under content-hashed names so hosts may cache them forever."""
from __future__ import annotations

import hashlib
from pathlib import Path


def collect_assets(layout_dirs) -> tuple[dict, dict]:
    """({logical name: location}, {location: bytes}); a campaign's layouts override by name."""
    found: dict[str, Path] = {}
    for folder in reversed([Path(d) / "assets" for d in layout_dirs]):
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file() and not path.name.startswith("."):
                    found[path.relative_to(folder).as_posix()] = path
    names, files = {}, {}
    for name, path in sorted(found.items()):
        data = path.read_bytes()
        stem, dot, suffix = name.rpartition(".")
        digest = hashlib.sha256(data).hexdigest()[:10]
        location = f"assets/{stem}.{digest}.{suffix}" if dot else f"assets/{name}.{digest}"
        names[name] = location
        files[location] = data
    return names, files
