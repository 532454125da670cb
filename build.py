#!/usr/bin/env python3
"""Build, preview or check a Placard campaign site: python build.py --help."""
import sys

from placard.cli import main

if __name__ == "__main__":
    sys.exit(main())
