"""Published photos carry pixels only: no GPS position, camera serial, author, comment or text chunk."""
from __future__ import annotations

import io
import re

import pytest
from PIL import Image, PngImagePlugin

SECRETS = (b"SERIAL-4242", b"Calle Secreta", b"Jane Photographer", b"PRIVATE-COMMENT", b"Canon", b"xmpmeta")

CASE = """\
---
name: Ana Example
country: MX
status: imprisoned
summary: A teacher imprisoned for a peaceful protest.
photo: {photo}
photo_alt: Ana Example at her school
---
"""


def picture(size=(1600, 1200)) -> Image.Image:
    image = Image.new("RGB", size)
    for x in range(0, size[0], 40):
        image.paste((x % 256, 90, 160), (x, 0, x + 20, size[1]))
    return image


def exif(orientation: int = 1) -> Image.Exif:
    data = Image.Exif()
    data[0x010F] = "Canon"                       # Make
    data[0x013B] = "Jane Photographer"           # Artist
    data[0x0112] = orientation
    data.get_ifd(0x8769)[0xA431] = "SERIAL-4242"  # BodySerialNumber
    data.get_ifd(0x8769)[0x9286] = "Calle Secreta"  # UserComment
    gps = data.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (19.0, 25.0, 57.0), "W", (99.0, 7.0, 59.0)
    return data


XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description>Calle Secreta</rdf:Description></x:xmpmeta>'


def jpeg(orientation: int = 1, size=(1600, 1200)) -> bytes:
    out = io.BytesIO()
    picture(size).save(out, "JPEG", exif=exif(orientation), comment=b"PRIVATE-COMMENT", xmp=XMP, quality=90)
    return out.getvalue()


def png() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Jane Photographer")
    info.add_itxt("Comment", "Calle Secreta", zip=True)
    info.add_text("Serial", "SERIAL-4242", zip=True)
    out = io.BytesIO()
    picture().convert("RGBA").save(out, "PNG", pnginfo=info, exif=exif())
    return out.getvalue()


def webp() -> bytes:
    out = io.BytesIO()
    picture().save(out, "WEBP", exif=exif(), xmp=XMP)
    return out.getvalue()


def assert_clean(path):
    data = path.read_bytes()
    for secret in SECRETS:
        assert secret not in data, (path, secret)
    with Image.open(path) as image:
        assert not image.getexif(), path
        assert not {"exif", "comment", "xmp", "XML:com.adobe.xmp", "icc_profile", "Author", "Comment",
                    "Serial"} & set(image.info), (path, image.info.keys())
        if hasattr(image, "text"):
            assert not image.text, path


@pytest.mark.parametrize("name, make", [("ana.jpg", jpeg), ("ana.png", png), ("ana.webp", webp)], ids=str)
def test_every_published_image_and_variant_is_stripped(campaign, name, make):
    data = make()
    assert any(secret in data for secret in SECRETS)
    run = campaign({"content/cases/ana.md": CASE.format(photo=name), f"content/media/{name}": data})
    assert run.code == 0, run.err
    published = sorted((run.site / "media").iterdir())
    assert len(published) == 5          # the image itself, and two widths each in WebP and its own kind
    for path in published:
        assert_clean(path)
    page = run.read("cases/ana/")
    assert re.search(r'srcset="[^"]*\.480\.[0-9a-f]+\.webp 480w', page)
    assert 'alt="Ana Example at her school"' in page


def test_a_photos_orientation_is_applied_before_the_tag_is_dropped(campaign):
    run = campaign({"content/cases/ana.md": CASE.format(photo="ana.jpg"),
                    "content/media/ana.jpg": jpeg(orientation=6)})
    assert run.code == 0, run.err
    with Image.open(run.site / "media/ana.jpg") as image:
        assert image.size == (1200, 1600)
    assert 'width="1200" height="1600"' in run.read("cases/ana/")


def test_a_photo_in_markdown_is_cleaned_too(campaign):
    run = campaign({"content/pages/about.md": "---\ntitle: About\n---\n![The team](/media/team/all.jpg)\n",
                    "content/media/team/all.jpg": jpeg(size=(300, 200))})
    assert run.code == 0, run.err
    assert '<img alt="The team" src="/sub/media/team/all.jpg">' in run.read("about/")
    assert_clean(run.site / "media/team/all.jpg")


def test_images_come_from_the_cache_unchanged(campaign, tmp_path):
    first = campaign({"content/cases/ana.md": CASE.format(photo="ana.jpg"), "content/media/ana.jpg": jpeg()})
    before = {p.name: p.read_bytes() for p in (first.site / "media").iterdir()}
    assert (tmp_path / ".placard-cache").is_dir()
    again = campaign({})
    assert {p.name: p.read_bytes() for p in (again.site / "media").iterdir()} == before


def test_other_files_are_published_unchanged(campaign):
    run = campaign({"content/media/guide.pdf": b"%PDF-1.4 guide"})
    assert run.code == 0, run.err
    assert (run.site / "media/guide.pdf").read_bytes() == b"%PDF-1.4 guide"


@pytest.mark.parametrize("damage", ["truncated", "html", "empty"])
def test_a_corrupt_image_is_a_content_error(campaign, damage):
    data = {"truncated": jpeg()[:2000], "html": b"<html>not an image</html>", "empty": b""}[damage]
    run = campaign({"content/cases/ana.md": CASE.format(photo="ana.jpg"), "content/media/ana.jpg": data})
    assert run.code == 1
    assert "media/ana.jpg:1: the image cannot be read" in run.err and "export the image again" in run.err
    assert not run.site.exists()


def test_an_image_with_too_many_pixels_is_refused_before_decoding(campaign):
    out = io.BytesIO()
    Image.new("1", (9000, 6000)).save(out, "PNG")     # 54 megapixels in a few kilobytes
    run = campaign({"content/media/bomb.png": out.getvalue()})
    assert run.code == 1
    assert "media/bomb.png:1: the image is 9000x6000 pixels; the limit is 50 megapixels" in run.err
