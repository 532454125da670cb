"""Walk a campaign's content/ folder into a validated Site, or every error found."""
from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from . import coerce, schema, yamltext
from .csvevents import read_rows
from .errors import ContentError, ContentErrors, Invalid
from .frontmatter import split
from .markup import obscure_emails
from .memo import LastResults, replaced
from .model import Appeal, Campaign, Case, Event, Goal, Media, NewsItem, Page, Site, Solidarity, Stat

KINDS = {"cases": schema.CASE, "events": schema.EVENT, "news": schema.NEWS, "pages": schema.PAGE}
# Top-level output names a free page may not take.
RESERVED_PAGE_SLUGS = {"cases", "events", "countries", "news", "search", "api", "media", "assets",
                       "pagefind", "feed", "sitemap", "robots", "404"}
MAX_FILE_BYTES = 8 * 1024 * 1024


@dataclass
class Record:
    """One parsed content file (or CSV row) before cross-checks."""
    kind: str
    slug: str
    lang: str
    path: str
    values: dict
    lines: dict
    body: str = ""
    slug_line: int = 1
    # (campaign, media, slug, item, problems) of the last build of this record, reused while both stay the same
    built: tuple | None = field(default=None, init=False, compare=False, repr=False)


@dataclass
class Problems:
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    invalid: set = field(default_factory=set)    # (kind, slug) of files that failed: no cascade errors

    def add(self, path, line, message, hint=""):
        self.errors.append(ContentError(path, line, message, hint))

    def warn(self, path, line, message, hint=""):
        self.warnings.append(ContentError(path, line, message, hint))

    def any(self) -> bool:
        return bool(self.errors or self.warnings or self.invalid)

    def absorb(self, other: Problems) -> None:
        # Most files have no problems: a load absorbs thousands of empty ones.
        if other.errors:
            self.errors += other.errors
        if other.warnings:
            self.warnings += other.warnings
        if other.invalid:
            self.invalid |= other.invalid


def load_site(content_dir, *, drafts: bool = False, base_url: str | None = None, parsed: dict | None = None,
              stats: dict | None = None):
    """Load and validate everything under content_dir: (Site, warnings), or raise ContentErrors.

    `parsed`, a dict the caller keeps between loads (the preview server does), holds each
    file's parse so a file whose modification time, size and inode are unchanged is not read again.
    `stats` ({path: (modification time, size, inode)}) are those of a scan the caller just made.
    """
    root = Path(content_dir)
    problems = Problems()
    campaign = load_campaign(root, problems, base_url)
    languages = campaign.languages if campaign else None   # unknown: accept any translation
    records = {}
    read = {}
    # The scan the last load was given, and the folders it read as that scan showed them. Taken
    # out until this load has read every folder: one that stops midway leaves nothing to trust.
    last_scan, last_folders = (parsed.pop(LOADED, None) if parsed is not None else None) or (None, {})
    since = None if stats is None or last_scan is None else differing(last_scan, stats)
    folders = {}
    for kind in KINDS:
        folder = root / kind
        memo = last_folders.get(kind)
        if since is not None and memo is not None and memo is parsed[FOLDERS].get(kind) \
                and memo[2] == languages and not any(_below(path, folder) for path in since):
            # No file in the folder changed since: its records as the last load read them.
            records[kind] = _from_memo(memo, read, problems)
        else:
            listing = Problems()
            paths = _as_listed(memo, folder, since, stats) or sorted_files(folder, listing, root)
            records[kind], memo = read_folder(paths, kind, languages, problems, parsed, read, stats)
            problems.absorb(listing)
            memo = None if listing.errors else memo     # a refused link is found again by listing only
        folders[kind] = memo
    if stats is not None and parsed is not None:
        parsed[LOADED] = (stats, folders)
    media = load_media(root, problems)
    if parsed is not None:
        if since is not None:
            for gone in since:
                if gone not in stats:
                    parsed.pop(gone, None)
        else:
            for gone in parsed.keys() - read.keys() - {SAME, FOLDERS, ITEMS, LOADED}:
                del parsed[gone]
        campaign, media = _as_before(parsed, campaign, media)
    if campaign is None:
        raise ContentErrors(problems.errors)
    site = assemble(campaign, records, media, languages, drafts, problems, root,
                    LastResults() if parsed is None else parsed.setdefault(ITEMS, LastResults()))
    if problems.errors:
        raise ContentErrors(problems.errors)
    return site, sorted(set(problems.warnings))


SAME = ""    # the key in `parsed` of the last load's campaign and media
FOLDERS = "/"    # the key in `parsed` of each folder's files as last read, by kind
ITEMS = "//"     # the key in `parsed` of each kind's items as last built (a LastResults)
LOADED = "///"   # the key in `parsed` of the last load's scan and the folders it read


def _as_before(parsed: dict, campaign, media):
    """The last load's campaign and media objects where they are equal, so built records can be reused."""
    before = parsed.get(SAME, (None, None))
    campaign = before[0] if campaign is not None and campaign == before[0] else campaign
    media = before[1] if media == before[1] else media
    if (campaign, media) != before:
        parsed[SAME] = (campaign, media)
    return campaign, media


def sorted_files(folder: Path, problems: Problems, root: Path) -> list[str]:
    """Files of a content folder in name order; anything reaching outside content/ is refused."""
    if not folder.is_dir():
        return []
    if not _inside(folder, root):
        _refuse_link(folder, problems)
        return []
    result = []
    for path, name, plain in _listing(folder):
        if name.startswith("."):
            continue
        if not plain and not _inside(Path(path), root):
            _refuse_link(path, problems)
        elif plain or os.path.isfile(path):
            result.append(path)
    return result


def _listing(folder: Path) -> list:
    """[(path, name, whether it is a plain file)] in name order: a plain file in a folder inside content/
    lies inside it too, so only the rest need resolving (which is slow at thousands of files)."""
    if folder.name == "media":
        return [(str(path), path.name, False) for path in sorted(folder.rglob("*"))]
    with os.scandir(folder) as entries:
        return [(entry.path, entry.name, entry.is_file(follow_symlinks=False))
                for entry in sorted(entries, key=lambda entry: entry.name)]


def _as_listed(memo, folder: Path, since, stats) -> list | None:
    """The folder's files as the last load listed them (in `memo`, as read_folder keeps it), when each
    change below the folder since was to one of those files, still there and no link: a save."""
    if memo is None or since is None:
        return None
    for path in since:
        if _below(path, folder) and (path not in memo[3] or path not in stats or os.path.islink(path)):
            return None
    return memo[0]


def read_folder(paths: list[str], kind: str, languages, problems: Problems, parsed: dict | None, read: dict,
                stats: dict | None = None) -> tuple:
    """(records, memo) of a content folder's files. When a scan's `stats` show every file as it
    was at the last load, the folder's records come from `parsed` whole, with no look-up per file;
    when they show a few changed, the memo is patched (_patched) where it can be.
    The memo, kept in `parsed`, is given when every file was in the scan (None otherwise)."""
    stamps = [stats.get(path) for path in paths] if stats and parsed is not None else [None]
    memo = parsed.setdefault(FOLDERS, {}).get(kind) if None not in stamps else None
    patched = None
    if memo is not None and memo[0] == paths and memo[2] == languages and memo[1] != stamps:
        patched = _patched(memo, stamps, kind, languages, parsed, read, stats)
    if patched is not None:
        memo = parsed[FOLDERS][kind] = patched
    elif memo is None or memo[:3] != (paths, stamps, languages):
        own = Problems()
        found = []
        for path in paths:
            found += read_file(path, kind, languages, own, parsed, read, stats)
        memo = (paths, stamps, languages, {path: read[path] for path in paths}, found, own)
        if None not in stamps:
            parsed[FOLDERS][kind] = memo
    return _from_memo(memo, read, problems), (memo if None not in stamps else None)


def _patched(memo, stamps: list, kind: str, languages, parsed: dict, read: dict, stats: dict):
    """The folder's memo with the files whose stamps changed read again, when each gives as many
    records as before and none of them had or has a problem: a save of one file among thousands,
    which then costs no pass over the others. None otherwise."""
    paths, last_stamps, _languages, last_read, found, own = memo
    changed = [number for number, (was, now) in enumerate(zip(last_stamps, stamps)) if was != now]
    read_now, found = dict(last_read), list(found)
    for number in changed:
        path = paths[number]
        was = last_read[path]
        scratch = Problems()
        records = read_file(path, kind, languages, scratch, parsed, read, stats)
        if len(records) != len(was[1]) or was[2].any() or scratch.any():
            return None
        if records:
            start = next(at for at, record in enumerate(found) if record is was[1][0])
            found[start:start + len(records)] = records
        read_now[path] = read[path]
    return (paths, stamps, languages, read_now, found, own)


def _from_memo(memo, read: dict, problems: Problems) -> list:
    """A folder's records as read_folder left them in its memo."""
    read.update(memo[3])
    problems.absorb(memo[5])
    return list(memo[4])


def _below(path: str, folder: Path) -> bool:
    return path.startswith(f"{folder}{os.sep}")


def read_file(path: str, kind: str, languages, problems: Problems, parsed: dict | None, read: dict,
              stats: dict | None = None) -> list:
    """The records of one content file, and its problems; from `parsed` when the file is as it was read."""
    scanned = (stats.get(path) if stats else None) or file_stamp(path)
    stamp = (*scanned, kind, languages)
    known = parsed.get(path) if parsed is not None else None
    if known is None or known[0] != stamp:
        own = Problems()
        found = []
        if path.endswith(".md"):
            found = [record for record in [read_markdown(Path(path), kind, languages, own)] if record]
        elif kind == "events" and path.lower().endswith(".csv"):
            found = read_csv_events(Path(path), own)
        known = (stamp, found, own)
    read[path] = known
    if parsed is not None:
        parsed[path] = known
    _stamp, found, own = known
    problems.absorb(own)
    return found


def file_stamp(path: str) -> tuple:
    """(modification time, size, inode): tells one version of a file from another without reading it."""
    info = os.stat(path)
    return (info.st_mtime_ns, info.st_size, info.st_ino)


def differing(before: dict, after: dict) -> list:
    """The paths added, changed or removed between two scans ({path: file_stamp}), in order."""
    return sorted({path for path, _stamp in before.items() ^ after.items()})


def _refuse_link(path: Path, problems: Problems) -> None:
    problems.add(str(path), 1, "this symbolic link points outside the content folder (or nowhere)",
                 "copy the file or folder into the campaign instead of linking to it")


def _inside(path: Path, root: Path) -> bool:
    """Whether a path, links followed, lies within root; a link loop lies nowhere."""
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except (ValueError, OSError, RuntimeError):
        return False


def read_text(path: Path, problems: Problems) -> str | None:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        problems.add(str(path), 1, f"the file is {size // 1024 // 1024} MB; the limit is "
                     f"{MAX_FILE_BYTES // 1024 // 1024} MB")
        return None
    data = path.read_bytes()
    try:
        return coerce.without_controls(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        problems.add(str(path), line, "the file is not UTF-8 text", "save it as UTF-8")
        return None


def load_campaign(root: Path, problems: Problems, base_url: str | None):
    path = root / "campaign.yaml"
    if path.is_symlink() and not _inside(path, root):
        _refuse_link(path, problems)
        return None
    if not path.is_file():
        problems.add(str(path), 1, "campaign.yaml is missing",
                     "every campaign needs content/campaign.yaml with title, base_url, starts and ends")
        return None
    text = read_text(path, problems)
    if text is None:
        return None
    try:
        raw, lines = yamltext.load(text)
    except yamltext.YamlSyntaxError as exc:
        problems.add(str(path), exc.line, exc.message)
        return None
    raw = raw if raw is not None else {}
    if base_url:
        raw = {**raw, "base_url": base_url} if isinstance(raw, dict) else raw
    result = schema.validate(raw, schema.CAMPAIGN)
    report(result, str(path), lines, problems)
    values = result.values
    if result.problems:
        return None
    if values["ends"] < values["starts"]:
        problems.add(str(path), lines.get(("ends",), 1), "ends: the campaign ends before it starts")
    base = values["base_url"]
    return Campaign(
        title=values["title"], base_url=base if base.endswith("/") else base + "/",
        starts=values["starts"], ends=values["ends"], tagline=values.get("tagline", ""),
        timezone=values["timezone"], languages=values["languages"],
        organisation=values.get("organisation", {}),
        stats=tuple(Stat(**s) for s in values.get("stats", ())),
        goal=Goal(**values["goal"]) if values.get("goal") else None,
        host_form=values.get("host_form", ""), raw_html=values["raw_html"], source=str(path))


def report(result, path: str, lines: dict, problems: Problems, line_of=None) -> None:
    """Turn a schema result's key paths into file lines."""
    line_of = line_of or (lambda key_path: _line(lines, key_path))
    for key_path, message, hint in result.problems:
        problems.add(path, line_of(key_path), message, hint)
    for key_path, message, hint in result.warnings:
        problems.warn(path, line_of(key_path), message, hint)


def _line(lines: dict, key_path: tuple) -> int:
    while key_path:
        if key_path in lines:
            return lines[key_path]
        key_path = key_path[:-1]
    return 1


def split_name(path: Path, languages) -> tuple[str, str] | None:
    """'x.md' -> ('x', ''), 'x.fr.md' -> ('x', 'fr')."""
    stem = path.name[:-len(".md")]
    if "." in stem:
        slug, lang = stem.rsplit(".", 1)
        return slug, lang
    return stem, ""


def read_markdown(path: Path, kind: str, languages, problems: Problems) -> Record | None:
    text = read_text(path, problems)
    if text is None:
        return None
    try:
        parts = split(text)
        raw, lines = yamltext.load(parts.yaml, parts.yaml_line)
    except Invalid as exc:
        problems.add(str(path), 1, exc.message, exc.hint)
        return None
    except yamltext.YamlSyntaxError as exc:
        problems.add(str(path), exc.line, exc.message)
        return None
    raw = raw if raw is not None else {}
    slug, lang = split_name(path, languages)
    if lang and languages and lang not in languages:
        problems.add(str(path), 1, f"'{lang}' in the file name is not one of the campaign's languages "
                     f"({', '.join(languages)})", "name a translation <slug>.<language>.md")
        return None
    if languages and lang == languages[0]:
        lang = ""
    result = schema.validate(raw, KINDS[kind], translation=bool(lang))
    report(result, str(path), lines, problems)
    if result.problems:
        problems.invalid.add((kind, slug))
        return None
    slug_line = 1
    if "slug" in result.values and not lang:
        slug, slug_line = result.values["slug"], lines.get(("slug",), 1)
    elif not coerce.SLUG.fullmatch(slug):
        problems.add(str(path), 1, f"the file name '{path.name}' does not make a valid slug",
                     f"rename it to {coerce.make_slug(slug) or 'my-item'}.md, or add a slug: key")
        return None
    return Record(kind, slug, lang, str(path), result.values, lines, parts.body.strip("\n"), slug_line)


def read_csv_events(path: Path, problems: Problems) -> list[Record]:
    rows, errors = read_rows(str(path), path.read_bytes(), set(schema.EVENT))
    problems.errors += errors
    records = []
    for row in rows:
        fields = {k: (v if v.strip() else None) for k, v in row.fields.items()}
        result = schema.validate(fields, schema.EVENT)
        report(result, str(path), {}, problems, line_of=lambda _key, line=row.line: line)
        if result.problems:
            if fields.get("slug"):
                problems.invalid.add(("events", fields["slug"].strip()))
            continue
        values = result.values
        slug = values.get("slug") or ""
        records.append(Record("events", slug, "", str(path), values, {}, values.pop("description", "") or "",
                              row.line))
        records[-1].lines = {"*": row.line}
    return records


def load_media(root: Path, problems: Problems) -> tuple:
    folder = root / "media"
    return tuple(Media(Path(p).relative_to(folder).as_posix(), p) for p in sorted_files(folder, problems, root))


def line_of(record: Record, key: str) -> int:
    return record.lines.get("*") or record.lines.get((key,), 1)


def assemble(campaign, records, media, languages, drafts, problems: Problems, root: Path,
             kept: LastResults) -> Site:
    """Cross-check the records (slugs, references, dates) and build the Site.

    `kept`, held by the caller between loads, gives back a kind's items while its records and
    what they are checked against are unchanged."""
    originals = {kind: [r for r in recs if not r.lang] for kind, recs in records.items()}
    # Named copies kept between loads: while no event record changed, each row keeps its item.
    originals["events"] = kept.get("named events", originals["events"],
                                   lambda: name_csv_slugs(originals["events"]))
    for record in originals["pages"]:
        if record.slug in RESERVED_PAGE_SLUGS or record.slug in languages:
            problems.add(record.path, record.slug_line, f"the page slug '{record.slug}' is taken by the site itself",
                         "rename the file or give it another slug:")
    all_case_slugs = {r.slug for r in originals["cases"]}
    case_slugs = {r.slug for r in originals["cases"] if not _hidden(r, drafts)}
    # A reference to a case that failed is no error of its own (the case's error says it all).
    referable = case_slugs | {slug for k, slug in problems.invalid if k == "cases"}
    site_items, hidden = {}, {}
    for kind, recs in originals.items():
        checked_against = (drafts, campaign, media, set(referable), all_case_slugs)
        site_items[kind], hidden[kind], own = kept.get(
            kind, (recs, *checked_against),
            lambda: _kind_items(kind, recs, drafts, campaign, media, referable, all_case_slugs),
            patch=lambda last_inputs, last: _kind_items_patched(kind, recs, checked_against, last_inputs, last))
        problems.absorb(own)
        if kind == "cases":
            referable |= {slug for k, slug in own.invalid}
    translations = {}
    known = None
    for kind, recs in records.items():
        for record in recs:
            if not record.lang:
                continue
            if known is None:
                known = {(k, r.slug) for k, originals_of_kind in originals.items() for r in originals_of_kind}
            if (kind, record.slug) in problems.invalid:
                continue
            if (kind, record.slug) not in known:
                problems.add(record.path, 1, f"this translation has no original: {kind}/{record.slug}.md is missing")
                continue
            if record.slug in hidden[kind]:
                continue
            translations[(kind, record.slug, record.lang)] = {**record.values, "body": record.body,
                                                              "source": record.path}
    return Site(campaign=campaign, cases=site_items["cases"], events=site_items["events"],
                news=site_items["news"], pages=site_items["pages"], media=media,
                translations=translations, content_dir=str(root))


def _kind_items(kind: str, originals: list, drafts: bool, campaign, media, referable: set, all_case_slugs: set):
    """(items, slugs of hidden drafts, problems) of one kind's records (translations aside)."""
    own = Problems()
    check_unique(kind, originals, own)
    hidden = set()
    media_paths = {m.path for m in media}
    referable = set(referable)
    items = []
    for record in originals:
        if _hidden(record, drafts):
            hidden.add(record.slug)
            continue
        check_references(record, referable, all_case_slugs, own)
        item = _built(BUILDERS[kind], record, campaign, media, media_paths, own)
        if item is None:
            own.invalid.add((kind, record.slug))
            if kind == "cases":
                referable.add(record.slug)
        else:
            items.append(item)
    return tuple(items), hidden, own


def _kind_items_patched(kind: str, originals: list, checked_against: tuple, last_inputs: tuple, last: tuple):
    """_kind_items' last result with the items of the records a save replaced built again in place:
    a save of one event among thousands, which then costs no pass over the others. None when
    that cannot tell: records came, went or were renamed, what they are checked against changed,
    or a draft or a problem is among them."""
    last_originals, *last_checked_against = last_inputs
    items, hidden, own = last
    if len(last_originals) != len(originals) or tuple(last_checked_against) != checked_against \
            or hidden or own.any():
        return None
    drafts, campaign, media, referable, all_case_slugs = checked_against
    media_paths = {m.path for m in media}
    items = list(items)      # one per record, in order: none is hidden or failed
    for at in replaced(last_originals, originals):
        record, problems = originals[at], Problems()
        if record.slug != last_originals[at].slug or _hidden(record, drafts):
            return None
        check_references(record, referable, all_case_slugs, problems)
        items[at] = _built(BUILDERS[kind], record, campaign, media, media_paths, problems)
        if items[at] is None or problems.any():
            return None
    return tuple(items), hidden, own


def _hidden(record: Record, drafts: bool) -> bool:
    """A draft, left out unless drafts are asked for."""
    return bool(record.values.get("draft")) and not drafts


def _built(builder, record: Record, campaign, media, media_paths, problems: Problems):
    """The record's item, built again only when the record, campaign or media changed."""
    memo = record.built
    if memo is None or memo[0] is not campaign or memo[1] is not media or memo[2] != record.slug:
        own = Problems()
        memo = record.built = (campaign, media, record.slug, builder(record, campaign, media_paths, own), own)
    problems.absorb(memo[4])
    return memo[3]


def name_csv_slugs(records: list[Record]) -> list[Record]:
    """The records, with a copy of each CSV row without a slug given one made from title, city and
    date; -2, -3 after other CSV rows. The records as read stay as they were.

    A Markdown event is never stepped around: claiming its slug is a duplicate the editor must see.
    """
    if all(record.slug for record in records):
        return records
    taken = {r.slug for r in records if r.slug and r.path.lower().endswith(".csv")}
    named = []
    for record in records:
        if not record.slug:
            values = record.values
            base = coerce.make_slug(values["title"], values.get("city", ""), values["start"].date().isoformat())
            slug, n = base, 2
            while slug in taken:
                slug, n = f"{base}-{n}", n + 1
            taken.add(slug)
            record = replace(record, slug=slug)
        named.append(record)
    return named


def check_unique(kind: str, records: list[Record], problems: Problems) -> None:
    if len({record.slug for record in records}) == len(records):
        return
    by_slug: dict[str, list[Record]] = {}
    for record in records:
        by_slug.setdefault(record.slug, []).append(record)
    for slug, claims in by_slug.items():
        if len(claims) > 1:
            where = ", ".join(f"{r.path}:{r.slug_line}" for r in claims)
            for record in claims:
                problems.add(record.path, record.slug_line,
                             f"duplicate slug '{slug}': {kind}/{slug}/ is claimed by {where}",
                             "rename one file or give it another slug:")


def check_references(record: Record, case_slugs, all_case_slugs, problems: Problems) -> None:
    for slug in record.values.get("cases", ()):
        if slug in case_slugs:
            continue
        line = line_of(record, "cases")
        if slug in all_case_slugs:
            problems.warn(record.path, line, f"case '{slug}' is a draft; the link to it is left out")
            continue
        close = difflib.get_close_matches(slug, sorted(all_case_slugs), n=1)
        problems.add(record.path, line, f"cases: there is no case '{slug}'",
                     f"did you mean {close[0]}?" if close else "use the case's file name without .md")


def build_case(record: Record, campaign, media_paths, problems: Problems):
    v = record.values
    ok = True
    if v["status"] == "released" and not v.get("released_on"):
        problems.add(record.path, line_of(record, "status"), "released_on: a released case needs "
                     "released_on, the date of release", "add a line such as released_on: 2009-11-20")
        ok = False
    if v.get("photo") and not v.get("photo_alt"):
        problems.add(record.path, line_of(record, "photo"), "photo_alt is required with photo",
                     "describe the photo for people who cannot see it")
        ok = False
    if v.get("photo") and v["photo"] not in media_paths:
        problems.add(record.path, line_of(record, "photo"),
                     f"photo: '{v['photo']}' is not in the content/media/ folder")
        ok = False
    if not ok:
        return None
    return Case(
        slug=record.slug, name=v["name"], country=v["country"], status=v["status"], summary=v["summary"],
        body=record.body, released_on=v.get("released_on"), deadline=v.get("deadline"),
        photo=v.get("photo", ""), photo_alt=v.get("photo_alt", ""), themes=v["themes"],
        featured=v["featured"], appeal=Appeal(**v["appeal"]) if v.get("appeal") else None,
        solidarity=Solidarity(**v["solidarity"]) if v.get("solidarity") else None,
        lang=campaign.language, source=record.path)


def build_event(record: Record, campaign, media_paths, problems: Problems):
    v = record.values
    zone_name = v.get("timezone") or campaign.timezone
    start = end = None
    try:
        start = localize(v["start"], zone_name)
    except Invalid as exc:
        problems.add(record.path, line_of(record, "start"), f"start: {exc.message}", exc.hint)
    if v.get("end"):
        try:
            end = localize(v["end"], zone_name)
        except Invalid as exc:
            problems.add(record.path, line_of(record, "end"), f"end: {exc.message}", exc.hint)
    ok = start is not None and (end is not None or not v.get("end"))
    if ok and end is not None and end <= start:
        problems.add(record.path, line_of(record, "end"), "end: the event ends before it starts",
                     f"end {v['end']:%Y-%m-%dT%H:%M} must come after start {v['start']:%Y-%m-%dT%H:%M}")
        ok = False
    if v["online"] and not v.get("url"):
        problems.add(record.path, line_of(record, "online"), "url: an online event needs the url where it happens")
        ok = False
    if not v["online"] and not v.get("city"):
        problems.add(record.path, line_of(record, "online"), "city is required unless the event is online: true",
                     "add a city: line, or online: true with the url where it happens")
        ok = False
    if not ok:
        return None
    return Event(
        slug=record.slug, title=v["title"], start=start, end=end, timezone=zone_name, country=v["country"],
        city=v.get("city", ""), venue=v.get("venue", ""), address=v.get("address", ""), online=v["online"],
        url=v.get("url", "") if v["online"] else "", host=obscure_emails(v.get("host", "")),
        rsvp=v.get("rsvp", ""),
        cases=v["cases"], body=record.body or v.get("description", ""), lang=campaign.language,
        source=record.path)


def localize(naive: datetime, zone_name: str) -> datetime:
    """A local wall time in a zone, refusing times the zone skips or repeats."""
    tz = ZoneInfo(zone_name)
    if naive.tzinfo is not None:       # an explicit offset picks one of a repeated hour
        offset = naive.utcoffset()
        wall = naive.replace(tzinfo=None)
        for fold in (0, 1):
            candidate = wall.replace(tzinfo=tz, fold=fold)
            if candidate.utcoffset() == offset:
                return candidate
        raise Invalid(f"{wall:%Y-%m-%dT%H:%M} in {zone_name} is not at UTC offset {_offset(offset)}")
    first, second = naive.replace(tzinfo=tz, fold=0), naive.replace(tzinfo=tz, fold=1)
    if first.utcoffset() == second.utcoffset():
        return first
    back = first.astimezone(timezone.utc).astimezone(tz).replace(tzinfo=None)
    if back != naive:
        raise Invalid(f"{naive:%Y-%m-%dT%H:%M} does not exist in {zone_name}: the clocks skip that hour",
                      "pick a time outside the skipped hour")
    raise Invalid(f"{naive:%Y-%m-%dT%H:%M} happens twice in {zone_name}: the clocks go back that night",
                  f"add the UTC offset to choose one, e.g. {naive:%Y-%m-%dT%H:%M}{_offset(first.utcoffset())}"
                  f" or {naive:%Y-%m-%dT%H:%M}{_offset(second.utcoffset())}")


def _offset(delta) -> str:
    minutes = int(delta.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def build_news(record: Record, campaign, media_paths, problems: Problems):
    v = record.values
    return NewsItem(slug=record.slug, title=v["title"], date=v["date"], summary=v.get("summary", ""),
                    cases=v["cases"], body=record.body, lang=campaign.language, source=record.path)


def build_page(record: Record, campaign, media_paths, problems: Problems):
    v = record.values
    return Page(slug=record.slug, title=v["title"], menu=v.get("menu"), body=record.body,
                lang=campaign.language, source=record.path)


BUILDERS = {"cases": build_case, "events": build_event, "news": build_news, "pages": build_page}
