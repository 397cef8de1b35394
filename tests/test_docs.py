"""The design the code cites lives in docs/, and every citation finds its heading.

Code, tests, README, benchmarks and scripts point into docs/ as
`docs/<page>.md, "<Heading>"` (docs/README.md). These tests fail when a file
outside docs/ still cites the old design documents that are not in the
repository, or when a citation names a page or a heading that does not exist.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

#: Folders never scanned: version control, virtual environments, caches, builds.
SKIPPED_DIRS = {"__pycache__", "node_modules", "build", "dist", "venv"}
#: Hidden folders are skipped (.git, .venv, .pytest_cache, ...), except these.
KEPT_HIDDEN_DIRS = {".ci"}
#: Files that are images, databases or archives, not text anyone cites from.
SKIPPED_SUFFIXES = {".svg", ".png", ".jpg", ".jpeg", ".gif", ".ico", ".pdf", ".db", ".zip", ".pyc", ".gz"}
MAX_BYTES = 2_000_000

# Spelled in pieces so that this file does not cite them itself.
OLD_DESIGN = re.compile("(?:DESIGN|FORMATS)" + r"\.md|" + "DESIGN" + r"\s+§")
#: A bare section number of the old design (a section sign and a number): it points nowhere now.
BARE_SECTION = re.compile("§" + r"\s*\d")

#: `docs/<page>.md, "<Heading>"`, perhaps followed by `, "Another"` or `and "Another"`;
#: a heading may wrap onto the next line of a docstring or comment.
CITATION = re.compile(r'docs/([\w.-]+\.md),\s+("[^"]+"(?:\s*(?:,|and)\s*"[^"]+")*)')
QUOTED = re.compile(r'"([^"]+)"')
#: What a wrapped line brings along inside a citation: the line break, the
#: indentation and a comment's leading marker.
WRAP = re.compile(r"\s*\n\s*(?:#+|//|\*)?\s*")
#: An ATX heading, as CommonMark reads one (up to three spaces of indentation).
HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
FENCE = re.compile(r"^ {0,3}(```|~~~)")


def text_files(skip_docs: bool = False) -> Iterator[tuple[Path, str]]:
    """Every text file of the repository (relative path, content)."""
    for folder, dirs, files in os.walk(ROOT):
        here = Path(folder)
        dirs[:] = sorted(
            d
            for d in dirs
            if d not in SKIPPED_DIRS
            and not d.endswith(".egg-info")
            and (not d.startswith(".") or d in KEPT_HIDDEN_DIRS)
            and not (skip_docs and here == ROOT and d == "docs")
        )
        for name in sorted(files):
            path = here / name
            if path.suffix.lower() in SKIPPED_SUFFIXES or path.is_symlink():
                continue
            try:
                if path.stat().st_size > MAX_BYTES:
                    continue
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            yield path.relative_to(ROOT), text


def squash(text: str) -> str:
    """A heading as cited or written, with wrapping and inline code marks gone."""
    return " ".join(WRAP.sub(" ", text).replace("`", "").split())


@cache
def headings(page: str) -> tuple[str, ...]:
    """The headings of docs/`page`, in order, outside fenced code blocks."""
    found = []
    fenced = False
    for line in (DOCS / page).read_text(encoding="utf-8").splitlines():
        if FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced and (m := HEADING.match(line)):
            found.append(squash(m.group(1)))
    return tuple(found)


def citations() -> list[tuple[Path, int, str, str]]:
    """Every citation in the repository: (file, line, page, heading)."""
    found = []
    for path, text in text_files():
        for m in CITATION.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            for heading in QUOTED.findall(m.group(2)):
                found.append((path, line, m.group(1), squash(heading)))
    return found


def test_no_file_outside_docs_cites_the_old_design() -> None:
    found = [
        f"{path}:{text.count(chr(10), 0, m.start()) + 1}: {m.group(0)}"
        for path, text in text_files(skip_docs=True)
        for m in OLD_DESIGN.finditer(text)
    ]
    assert not found, "cite docs/ instead (docs/README.md says how):\n" + "\n".join(found)


def test_no_file_outside_docs_cites_a_bare_section_number() -> None:
    found = [
        f"{path}:{text.count(chr(10), 0, m.start()) + 1}: {m.group(0)}"
        for path, text in text_files(skip_docs=True)
        for m in BARE_SECTION.finditer(text)
    ]
    assert not found, 'cite docs/<page>.md, "<Heading>" instead:\n' + "\n".join(found)


def test_every_citation_names_a_page_and_a_heading_that_exist() -> None:
    found = citations()
    # The code cites the docs in dozens of places: finding none means this test broke.
    assert len(found) > 50
    missing = []
    for path, line, page, heading in found:
        if not (DOCS / page).is_file():
            missing.append(f"{path}:{line}: docs/{page} does not exist")
        elif heading not in headings(page):
            missing.append(f'{path}:{line}: docs/{page} has no heading "{heading}"')
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("page", sorted(p.name for p in DOCS.glob("*.md")))
def test_headings_are_unique_within_a_page(page: str) -> None:
    # A citation names a heading; two alike would leave it ambiguous.
    seen = headings(page)
    assert len(seen) == len(set(seen)), [h for h in seen if seen.count(h) > 1]


def test_the_citation_pattern_reads_wrapped_and_listed_headings() -> None:
    # Spelled in pieces so that the scan of this file does not take them for citations.
    text = "(docs/" + 'architecture.md, "Snoozes\n    # and pauses")\n' + "docs/" + 'formats.md, "A", "B" and "C".'
    read = [(m.group(1), [squash(h) for h in QUOTED.findall(m.group(2))]) for m in CITATION.finditer(text)]
    assert read == [("architecture.md", ["Snoozes and pauses"]), ("formats.md", ["A", "B", "C"])]
