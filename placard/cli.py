"""The command line: build, serve, check and new; exit 0 built, 1 content errors, 2 usage errors."""
from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime, timezone
from pathlib import Path

from .errors import ContentErrors, UsageError, format_errors
from .write import UnsafeOutput

DESCRIPTION = """\
Placard builds a campaign website from the Markdown and YAML files in content/.

commands:
  build    build content/ into site/ (the default when no command is given)
  serve    build, then preview at http://127.0.0.1:8000/; saving a file updates the page
  check    check every file, link and date; write nothing
  new      start a new file: new case|event|news|page "Title"
  translations  add new interface strings to the catalogs in layouts/locale/

examples:
  python build.py
  python build.py serve
  python build.py check
  python build.py new case "Women of Atenco"
  python build.py --base-url https://example.org/writeathon/ --out public
"""


def parse_now(text: str | None) -> datetime:
    """--now, else SOURCE_DATE_EPOCH, else the current time; always an aware UTC moment."""
    if text:
        raw = text.strip().replace("z", "Z")
        raw = raw[:-1] + "+00:00" if raw.endswith("Z") else raw
        try:
            moment = datetime.fromisoformat(raw)
        except ValueError:
            raise UsageError(f"--now {text}: write a moment such as 2009-12-01T00:00Z") from None
        return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), timezone.utc)
        except ValueError:
            raise UsageError(f"SOURCE_DATE_EPOCH={epoch} is not a number of seconds") from None
    return datetime.now(timezone.utc).replace(microsecond=0)


def parser() -> argparse.ArgumentParser:
    shared = argparse.ArgumentParser(add_help=False)
    group = shared.add_argument_group("options for every command")
    group.add_argument("--content", metavar="DIR", default="content", help="the campaign's content folder (default: content)")
    group.add_argument("--layouts", metavar="DIR", help="templates that override the theme (default: layouts/ beside content/)")
    group.add_argument("--out", metavar="DIR", default="site", help="where the site is written (default: site)")
    group.add_argument("--base-url", metavar="URL", help="where the site will be published; overrides campaign.yaml")
    group.add_argument("--now", metavar="MOMENT", help="the moment that splits upcoming from past events, "
                       "e.g. 2009-12-01T00:00Z (default: now, or SOURCE_DATE_EPOCH)")
    group.add_argument("--drafts", action="store_true", help="include items marked draft: true")

    main_parser = argparse.ArgumentParser(prog="python build.py", description=DESCRIPTION,
                                          formatter_class=argparse.RawDescriptionHelpFormatter, parents=[shared])
    commands = main_parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("build", parents=[shared], help="build the site (default)")
    serve = commands.add_parser("serve", parents=[shared], help="preview with live reload")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this computer only)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    commands.add_parser("check", parents=[shared], help="check everything, write nothing")
    commands.add_parser("translations", parents=[shared],
                        help="extract interface strings and update the language catalogs")
    new = commands.add_parser("new", parents=[shared], help="start a new content file")
    new.add_argument("kind", choices=["case", "event", "news", "page"])
    new.add_argument("title")
    return main_parser


def main(argv=None) -> int:
    args = parser().parse_args(argv)
    try:
        return run(args)
    except UsageError as exc:
        print(f"placard: {exc}", file=sys.stderr)
        return 2
    except UnsafeOutput as exc:
        print(f"placard: refusing to write the site: {exc}", file=sys.stderr)
        return 2
    except ContentErrors as exc:
        print(format_errors(exc.errors), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def options_from(args):
    from .pipeline import Options

    content = Path(args.content)
    if not content.is_dir():
        raise UsageError(f"the content folder {content} does not exist (give it with --content DIR)")
    if args.layouts and not Path(args.layouts).is_dir():
        raise UsageError(f"the layouts folder {args.layouts} does not exist")
    return Options(content=content, out=Path(args.out), now=parse_now(args.now),
                   layouts=Path(args.layouts) if args.layouts else None, base_url=args.base_url,
                   drafts=args.drafts)


def run(args) -> int:
    command = args.command or "build"
    if command == "new":
        from .scaffold import new_file

        path = new_file(Path(args.content), args.kind, args.title)
        print(f"wrote {path}: fill in the keys, then run python build.py serve to see it")
        return 0
    options = options_from(args)
    if command == "serve":
        from .serve import serve

        return serve(options, host=args.host, port=args.port)
    if command == "translations":
        from .catalogs import translations_command

        return translations_command(options)
    if command == "check":
        from .check import check_site

        return check_site(options)
    return build_command(options)


def build_command(options) -> int:
    from .pipeline import build

    def progress(message):
        print(f"  … {message}", file=sys.stderr, flush=True)

    result = build(options, progress)
    print_warnings(result.warnings)
    stats = result.stats
    print(f"built {stats['pages']} pages into {options.out}/ in {stats['seconds']:.2f} s "
          f"({stats['written']} {'file' if stats['written'] == 1 else 'files'} written, {stats['unchanged']} unchanged, {stats['removed']} removed)")
    return 0


def print_warnings(warnings) -> None:
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
