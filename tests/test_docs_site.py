"""Tests for the documentation site: it builds strictly, and its generated pages match their sources.

One ``mkdocs build --strict`` runs per test session (the ``built_site`` fixture) into a temporary
folder; the tests then read the built HTML. The schema, command-line and changelog pages and the
model diagram are made at build time by the generators in ``docs/hooks/``; their own behaviour
(escaping, examples, links, layout) is also tested directly, without a build.
"""

from __future__ import annotations

import argparse
import html
import importlib.util
import json
import os
import re
import subprocess
import sys
import tomllib
import typing
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from casefile import model
from casefile.cli import _parser
from casefile.plan import collections
from casefile.version import SCHEMA_VERSION

ROOT = Path(__file__).parent.parent
SCHEMA = json.loads((ROOT / "schema" / "casefile.schema.json").read_text(encoding="utf-8"))
CHANGELOG = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
sys.path.insert(0, str(ROOT / "docs" / "hooks"))

import addresses  # noqa: E402
import changelog_page  # noqa: E402
import cli_page  # noqa: E402
import model_diagram  # noqa: E402
import schema_page  # noqa: E402

SVG = "{http://www.w3.org/2000/svg}"
MKDOCS = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
# The hosts of the pages the documentation and the README link to, other than the project's
# own: a new one is a deliberate change, and the project's own addresses never belong here.
OTHER_HOSTS = {
    "ajv.js.org",
    "hypothesis.readthedocs.io",
    "json-schema.org",
    "koxudaxi.github.io",
    "pre-commit.com",
    "python-jsonschema.readthedocs.io",
    "readthedocs.org",
    "www.attrs.org",
    "www.npmjs.com",
    "www.w3.org",
    "127.0.0.1:8000",
}


# ------------------------------------------------------------------ the built site


@dataclass(frozen=True)
class Site:
    """A finished ``mkdocs build``: where it wrote the site, its exit status and its log."""

    path: Path
    returncode: int
    log: str

    def warnings(self) -> list[str]:
        """The log's warning lines (the build's own, not banners printed around it)."""
        plain = re.sub(r"\x1b\[[0-9;]*m", "", self.log)
        return [line for line in plain.splitlines() if re.match(r"\s*WARNING\b", line)]

    def page(self, name: str) -> str:
        """The HTML of a built page, by its source name without ``.md``."""
        path = self.path / name / "index.html"
        if not path.is_file():
            pytest.fail(f"the build made no {name} page (exit {self.returncode}):\n{self.log}")
        return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The documentation site, built once per session with ``--strict`` into a temporary folder.

    Skips only when mkdocs is not installed. Other test files can use it once it moves to
    ``conftest.py``.
    """
    if importlib.util.find_spec("mkdocs") is None:
        pytest.skip("mkdocs is not installed (pip install -e '.[docs]')")
    site = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--config-file",
            str(ROOT / "mkdocs.yml"),
            "--site-dir",
            str(site),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return Site(site, result.returncode, result.stdout + result.stderr)


class Page(HTMLParser):
    """A built page's content read as sections (by ``h2`` id), headings and table rows.

    Only the article is read, not the navigation around it; text before the first ``h2`` is
    the section ``""``.
    """

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.section = ""
        self.texts: dict[str, list[str]] = {"": []}
        self.rows: dict[str, list[list[str]]] = {"": []}
        self.headings: list[tuple[str, str]] = []
        self._heading: tuple[str, list[str]] | None = None
        self._cell: list[str] | None = None
        self._row: list[str] | None = None
        self._skip = 0
        self._in_article = 0
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "article":
            self._in_article += 1
        if not self._in_article:
            return
        if tag == "a" and "headerlink" in (attributes.get("class") or ""):
            self._skip += 1
        if re.fullmatch(r"h[1-6]", tag):
            if tag == "h2" and attributes.get("id"):
                self.section = attributes["id"] or ""
                self.texts.setdefault(self.section, [])
                self.rows.setdefault(self.section, [])
            self._heading = (tag, [])
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._in_article -= 1
        if tag == "a" and self._skip:
            self._skip -= 1
        elif re.fullmatch(r"h[1-6]", tag) and self._heading is not None:
            self.headings.append((self._heading[0], squash("".join(self._heading[1]))))
            self._heading = None
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(squash("".join(self._cell)))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows[self.section].append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        if not self._in_article or self._skip:
            return
        self.texts[self.section].append(data)
        if self._heading is not None:
            self._heading[1].append(data)
        if self._cell is not None:
            self._cell.append(data)

    def text(self, section: str) -> str:
        """The words of one section, whitespace squashed."""
        return squash("".join(self.texts.get(section, [])))

    def row(self, section: str, first: str) -> list[str] | None:
        """The table row of a section whose first cell is ``first``."""
        return next((r for r in self.rows.get(section, []) if r and r[0] == first), None)


def squash(text: str) -> str:
    """Collapse runs of whitespace, as a browser shows them."""
    return " ".join(text.split())


def shown(description: str) -> str:
    """A schema description as the page shows it: Markdown code marks gone."""
    return squash(re.sub(r"`+", "", description))


def test_site_builds_strictly_without_warnings(built_site: Site) -> None:
    """``mkdocs build --strict`` succeeds and logs no warning (mkdocstrings' included)."""
    assert (0, []) == (built_site.returncode, built_site.warnings()), built_site.log


def test_every_nav_page_is_built(built_site: Site) -> None:
    """Each page the navigation lists exists in the built site."""
    from mkdocs.structure.files import File
    from mkdocs.utils.yaml import yaml_load

    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    pages = list(_nav_pages(config.get("nav", [])))
    directory_urls = config.get("use_directory_urls", True)
    missing = [
        page
        for page in pages
        if not Path(File(page, None, str(built_site.path), directory_urls).abs_dest_path).is_file()
    ]
    assert pages, "mkdocs.yml lists no pages"
    assert [] == missing


def _nav_pages(nav: Any) -> Iterator[str]:
    if isinstance(nav, str):
        if nav.endswith(".md") and not urlsplit(nav).scheme:
            yield nav
    elif isinstance(nav, list):
        for item in nav:
            yield from _nav_pages(item)
    elif isinstance(nav, dict):
        for item in nav.values():
            yield from _nav_pages(item)


def test_schema_page_has_every_definition_with_its_description(built_site: Site) -> None:
    """Each ``$defs`` entry has its own section on the schema page, with its description."""
    page = Page(built_site.page("schema"))
    missing = [
        name
        for name, definition in SCHEMA["$defs"].items()
        if shown(definition.get("description", "")) not in page.text(name)
    ]
    assert [] == missing


def test_schema_page_has_every_property_with_description_and_required_flag(
    built_site: Site,
) -> None:
    """Each property of each definition is a table row: description as in the schema, and
    "yes" under Required exactly when the schema requires it."""
    page = Page(built_site.page("schema"))
    expected, actual = {}, {}
    for name, definition in SCHEMA["$defs"].items():
        required = set(definition.get("required", ()))
        for prop, sub in definition.get("properties", {}).items():
            key = f"{name}.{prop}"
            expected[key] = (prop in required, shown(sub.get("description", "")))
            row = page.row(name, prop)
            actual[key] = (row[2].startswith("yes"), row[3]) if row else None
    assert expected == actual


def test_schema_page_shows_the_schema_id_and_version(built_site: Site) -> None:
    """The page names the schema's ``$id`` and the schema version the library writes."""
    text = Page(built_site.page("schema")).text("")
    assert SCHEMA["$id"] in text
    assert f"Schema version {SCHEMA_VERSION}" in text


def test_cli_page_documents_every_subcommand_and_option(built_site: Site) -> None:
    """Each subcommand of the parser has a section naming its options and their help."""
    page = Page(built_site.page("cli"))
    subparsers = next(a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction))
    missing = []
    for name, sub in subparsers.choices.items():
        text = page.text(name)
        if f"casefile {name}" not in text:
            missing.append(name)
        for action in sub._actions:
            if isinstance(action, argparse._HelpAction):
                continue  # the page says once that every command takes -h
            for piece in [*action.option_strings, squash(action.help or "")]:
                if piece and piece not in text:
                    missing.append(f"{name}: {piece}")
    assert [] == missing


def test_cli_page_lists_the_exit_statuses_the_module_documents(built_site: Site) -> None:
    """The exit statuses in ``casefile.cli``'s docstring are a table on the page."""
    import casefile.cli

    documented = re.search(
        r"Exit status: (.+?)\.(?:\s|$)", " ".join((casefile.cli.__doc__ or "").split())
    )
    assert documented is not None
    expected = [item.strip().split(" ", 1) for item in documented.group(1).split(";")]
    page = Page(built_site.page("cli"))
    assert expected == [row for row in page.rows["exit-status"] if row[0] != "Status"]


def test_changelog_page_carries_the_changelog_headings(built_site: Site) -> None:
    """Every heading of CHANGELOG.md is a heading of the built changelog page, in order."""
    outside_code = re.sub(r"^```.*?^```", "", CHANGELOG, flags=re.S | re.M)
    expected = [
        (f"h{len(marks)}", title.strip())
        for marks, title in re.findall(r"^(#{1,6})\s+(.+)$", outside_code, flags=re.M)
    ]
    assert expected == Page(built_site.page("changelog")).headings


def test_model_figure_is_served_and_names_every_collection(built_site: Site) -> None:
    """The built ``assets/model.svg`` parses as SVG and has a box for every collection."""
    svg = ET.parse(built_site.path / "assets" / "model.svg").getroot()
    words = {squash(t.text or "") for t in svg.iter(f"{SVG}text")}
    assert set(_collection_classes()) <= words
    assert svg.find(f"{SVG}title") is not None


EXTERNAL_ATTRIBUTES = {
    "script": ("src",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "audio": ("src",),
    "video": ("src", "poster"),
    "track": ("src",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
    "input": ("src",),
}


class Resources(HTMLParser):
    """Collect the addresses a page loads by itself (not the links a reader may follow)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.addresses: list[str] = []
        self._style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # The canonical address names the page (site_url); nothing fetches it.
        if tag == "link" and dict(attrs).get("rel") == "canonical":
            return
        for name, value in attrs:
            if value and name in EXTERNAL_ATTRIBUTES.get(tag, ()):
                self.addresses.extend(part.split()[0] for part in value.split(",") if part.split())
            if value and name == "style":
                self.addresses.extend(css_addresses(value))
        self._style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._style = False

    def handle_data(self, data: str) -> None:
        if self._style:
            self.addresses.extend(css_addresses(data))


def css_addresses(css: str) -> list[str]:
    """The addresses in CSS ``url(...)`` and ``@import``."""
    urls = re.findall(r"url\(\s*['\"]?([^'\")\s]+)", css)
    imports = re.findall(r"@import\s+['\"]([^'\"]+)", css)
    return urls + imports


def is_elsewhere(address: str) -> bool:
    """Whether an address is on another host (``data:`` and relative paths are not)."""
    parts = urlsplit(address.strip())
    return bool(parts.netloc) or parts.scheme in ("http", "https", "ftp")


def test_built_site_loads_nothing_from_other_hosts(built_site: Site) -> None:
    """No page, stylesheet, script or figure of the site fetches anything from another host."""
    found = []
    for path in sorted(built_site.path.rglob("*")):
        suffix = path.suffix
        if suffix not in (".html", ".css", ".js", ".svg"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if suffix in (".html", ".svg"):
            parser = Resources()
            parser.feed(text)
            addresses = parser.addresses
        else:
            addresses = css_addresses(text)
        found += [f"{path.relative_to(built_site.path)}: {a}" for a in addresses if is_elsewhere(a)]
    assert [] == found


# ------------------------------------------------------------------ the project's addresses


def test_pyproject_urls_are_the_mkdocs_address_settings() -> None:
    """[project.urls] in pyproject.toml holds the same addresses as site_url and repo_url in
    mkdocs.yml, and the mapping schema's $id lies under the site."""
    site, repo = MKDOCS["site_url"], MKDOCS["repo_url"]
    expected = {
        "Homepage": site,
        "Documentation": site,
        "Changelog": f"{site}changelog/",
        "Repository": repo,
    }
    assert expected == PYPROJECT["project"]["urls"]
    mapping = json.loads((ROOT / "schema" / "mapping.schema.json").read_text(encoding="utf-8"))
    assert f"{site}schema/mapping.schema.json" == mapping["$id"]


def test_docs_and_readme_write_no_project_address_by_hand() -> None:
    """docs/ and README.md name no host but the pinned others: the project's own addresses
    come from the setting, as {{ site_url }} and {{ repo_url }} in pages."""
    files = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    found = set()
    for path in files:
        text = path.read_text(encoding="utf-8")
        for address in re.findall(r"https?://[^\s)\"'<>`]+", text):
            found.add((urlsplit(address).netloc, path.relative_to(ROOT).as_posix()))
    assert set() == {(host, path) for host, path in found if host not in OTHER_HOSTS}


def test_the_address_tokens_become_the_settings() -> None:
    """{{ site_url }} and {{ repo_url }} become the settings, an escaped token stays as written,
    and a token naming anything else stops the build."""
    config = {"site_url": "https://a.test/", "repo_url": "https://b.test/r"}
    page = "{{ site_url }}x {{repo_url}} \\{{ site_url }}"
    assert "https://a.test/x https://b.test/r {{ site_url }}" == addresses.fill(page, config)
    with pytest.raises(ValueError, match="site_name"):
        addresses.fill("{{ site_name }}", config)


def test_built_pages_show_the_addresses_not_the_tokens(built_site: Site) -> None:
    """The pre-commit example names the repository's address from the setting, and no page
    shows a token (the versioning page's escaped ones, in code, are the only exception)."""
    assert f"repo: {MKDOCS['repo_url']}" in Page(built_site.page("interoperability")).text(
        "validating-on-every-commit"
    )
    tokens = [
        path.relative_to(built_site.path).as_posix()
        for path in built_site.path.rglob("*.html")
        if re.search(r"\{\{ *(site|repo)_url", path.read_text(encoding="utf-8"))
    ]
    assert ["versioning/index.html"] == tokens


def test_no_page_asks_the_theme_for_a_script_from_elsewhere(built_site: Site) -> None:
    """No page holds a Mermaid diagram, which the theme would draw with a script it fetches."""
    pages = [
        p for p in built_site.path.rglob("*.html") if 'class="mermaid"' in p.read_text("utf-8")
    ]
    assert [] == pages


# ------------------------------------------------------------------ layout on narrow screens


def _css_rules(css: str) -> dict[str, str]:
    """Each rule of a stylesheet: its selector list, whitespace squashed, to its body."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return {squash(m[1]): squash(m[2]) for m in re.finditer(r"([^{}]+)\{([^{}]*)\}", css)}


def test_every_page_loads_the_layout_stylesheet_and_table_script(built_site: Site) -> None:
    """Every page loads the extra stylesheet and the script that stacks tables too wide for
    the screen, and the built stylesheet keeps the rules against cut text: names in tables
    unbroken, stacked tables labelled, signatures wrapped, a shadow where code scrolls."""
    missing = []
    for path in sorted(built_site.path.rglob("*.html")):
        parser = Resources()
        parser.feed(path.read_text(encoding="utf-8"))
        for wanted in ("stylesheets/extra.css", "javascripts/tables.js"):
            if not any(a.endswith(wanted) for a in parser.addresses):
                missing.append(f"{path.relative_to(built_site.path)}: {wanted}")
    assert [] == missing
    rules = _css_rules((built_site.path / "stylesheets" / "extra.css").read_text("utf-8"))
    expected = {
        ".md-typeset td code": "word-break: normal",
        ".md-typeset td:first-child > code": "white-space: nowrap",
        ".md-typeset table[data-stacked] td[data-label]::before": 'content: attr(data-label) ": "',
        ".md-typeset .doc-signature pre > code": "white-space: pre-wrap",
        ".md-typeset pre > code": "no-repeat local",
        ".md-typeset .wrap pre > code": "white-space: pre-wrap",
    }
    assert {} == {k: v for k, v in expected.items() if v not in rules.get(k, "")}
    script = (built_site.path / "javascripts" / "tables.js").read_text("utf-8")
    assert 'setAttribute("data-stacked"' in script
    assert 'setAttribute("data-label"' in script


# The characters a code block shows at 1280 px (the content column is 688 px wide, less 2 x
# 16 px of padding, at 8.18 px a monospace character): a longer line scrolls and hides its end.
# The copy button covers the end of a block's first line, so that one has 3 fewer. A block of
# long messages is marked { .wrap } so that its lines wrap instead (a table keeps its columns).
# The command-line page wraps its usage lines and example commands to the same.
LONGEST_CODE_LINE = cli_page.CODE_WIDTH
LONGEST_FIRST_LINE = cli_page.FIRST_LINE_WIDTH


def _too_long(lines: list[str]) -> list[str]:
    """The lines of a code block wider than the box shows: the first past the copy button,
    any other past the box's edge."""
    limits = [LONGEST_FIRST_LINE] + [LONGEST_CODE_LINE] * (len(lines) - 1)
    return [line for line, limit in zip(lines, limits, strict=True) if len(line) > limit]


def test_no_hand_written_code_block_has_a_line_wider_than_the_box_unless_it_wraps() -> None:
    """Every line of a fenced block in docs/*.md fits in LONGEST_CODE_LINE characters, and its
    first line in LONGEST_FIRST_LINE, unless the block is marked ``{ .wrap }``
    (docs/stylesheets/extra.css wraps it)."""
    long = []
    for path in sorted((ROOT / "docs").glob("*.md")):
        fence: str | None = None
        wraps = False
        first = False
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            opening = re.match(r"^\s*(```+)(.*)$", line)
            if opening and fence is None:
                fence, wraps, first = opening[1], ".wrap" in opening[2], True
                continue
            if fence is not None and line.strip() == fence:
                fence = None
            elif fence is not None and not wraps and _too_long([line] if first else ["", line]):
                long.append(f"{path.name}:{number}")
            first = False
    assert [] == long


def test_no_code_block_on_the_cli_page_has_a_line_wider_than_the_box_unless_it_wraps(
    built_site: Site,
) -> None:
    """The generated command-line page's usage lines and example commands fit in the box
    (LONGEST_CODE_LINE characters, the first line LONGEST_FIRST_LINE); a block with a wider
    line (an option's choices, a program's message) is marked to wrap."""
    page = built_site.page("cli")
    blocks = re.findall(
        r'<div class="([^"]*)highlight"><pre>.*?<code>(.*?)</code></pre>', page, re.S
    )
    assert len(blocks) > 20
    long = []
    for classes, code in blocks:
        lines = html.unescape(re.sub(r"<[^>]+>", "", code)).split("\n")
        if "wrap" not in classes.split():
            long += _too_long(lines)
    assert [] == long


def test_cli_page_continues_a_long_example_command_with_backslashes() -> None:
    """A command line wider than the box is continued on indented lines, an option kept with
    its value; a short one stays one line."""
    assert "$ casefile show op-amazon" == cli_page.command_line("casefile show op-amazon")
    line = "casefile build " + "x" * 55 + " --documents folder -o out.json"
    assert [f"$ casefile build {'x' * 55} \\", "    --documents folder -o out.json"] == (
        cli_page.command_line(line).split("\n")
    )


# ------------------------------------------------------------------ the schema page


def _markdown(text: str) -> Any:
    """Render Markdown as the site does (tables, heading ids) and parse the result."""
    markdown = pytest.importorskip("markdown")
    body = markdown.markdown(text, extensions=["tables", "attr_list", "toc"])
    return Page(f"<article>{body}</article>")


TINY_SCHEMA: dict[str, Any] = {
    "$id": "urn:example:tiny",
    "$ref": "#/$defs/Root",
    "$defs": {
        "Root": {
            "description": "The root.",
            "type": "object",
            "properties": {
                "given": {"description": "Has examples.", "type": "string", "examples": ["x"]},
                "found": {"description": "Found in data.", "type": "string"},
                "absent": {"description": "In neither.", "type": "string"},
                "items": {
                    "description": "Children.",
                    "type": "array",
                    "items": {"$ref": "#/$defs/Child"},
                },
            },
            "required": ["given"],
        },
        "Child": {
            "description": "A child.",
            "type": "object",
            "properties": {"id": {"type": "string"}, "name": {"type": "string"}},
        },
    },
}


def test_schema_page_examples_come_from_the_schema_then_the_data() -> None:
    """A property's example is its schema ``examples``, else the data's first value at that
    place (with the id of the record holding it), else a dash."""
    data = {"found": "from the data", "items": [{"id": "c1", "name": "first"}, {"name": "second"}]}
    page = _markdown(schema_page.render(TINY_SCHEMA, data))
    examples = {
        prop: page.row(d, prop)[4]
        for d, prop in [("Root", "given"), ("Root", "found"), ("Root", "absent"), ("Child", "name")]
    }
    assert {
        "given": '"x"',
        "found": '"from the data"',
        "absent": "—",
        "name": '"first" (in c1)',
    } == examples


def test_schema_page_follows_the_schema() -> None:
    """A definition or property added to the schema appears on the page without other change."""
    schema = json.loads(json.dumps(TINY_SCHEMA))
    schema["$defs"]["Extra"] = {"description": "Added later.", "enum": ["a", "b"]}
    schema["$defs"]["Child"]["properties"]["colour"] = {
        "description": "New.",
        "$ref": "#/$defs/Extra",
    }
    page = _markdown(schema_page.render(schema, {}))
    assert "Added later." in page.text("Extra")
    assert ["colour", "Extra", "no", "New.", "—"] == page.row("Child", "colour")


def test_schema_page_table_cells_survive_pipes_newlines_and_markup() -> None:
    """Pipes, line breaks and HTML in a description stay inside its cell and show as written
    (its Markdown still works); a pattern shows exactly as written."""
    schema = json.loads(json.dumps(TINY_SCHEMA))
    schema["$defs"]["Child"]["properties"]["name"] = {
        "description": "one | two\nthree <b>four</b> `a|b` *five*",
        "type": "string",
        "pattern": "^(x|y)_*[z]$",
    }
    page = _markdown(schema_page.render(schema, {}))
    row = page.row("Child", "name")
    assert 5 == len(row)
    assert "one | two three <b>four</b> a|b five" == row[3]
    assert "string, matching ^(x|y)_*[z]$" == row[1]


def test_schema_page_shortens_long_examples_and_keeps_their_shape() -> None:
    """Long values are cut with an ellipsis; lists keep their first item, objects their keys."""
    assert '"aaaaaaaaaaaaa…"' == schema_page.shorten("a" * 100, budget=16)
    assert '[{"id": "x"}, …]' == schema_page.shorten([{"id": "x"}, {"id": "y" * 80}], budget=20)
    assert '{"a": 1, …}' == schema_page.shorten({"a": 1, "b": "z" * 80}, budget=20)


# ------------------------------------------------------------------ the command-line page


def test_cli_page_escapes_help_text_and_lists_each_command() -> None:
    """Help text shows as written, never as Markdown or HTML; each command has a section."""
    parser = argparse.ArgumentParser(prog="tool", description="Does *things* | more.")
    commands = parser.add_subparsers(dest="command")
    sub = commands.add_parser("go", help="go <now> [fast]")
    sub.add_argument("--speed", help="how fast, in `m/s` | km/h", default="1")
    text = cli_page.render(parser, exit_codes=[("0", "fine")])
    page = _markdown(text)
    assert "Does *things* | more." in page.text("")
    assert ["--speed SPEED", "no", "1", "how fast, in `m/s` | km/h"] == page.row(
        "go", "--speed SPEED"
    )
    assert "go <now> [fast]" in page.text("go")


def test_exit_statuses_are_read_from_the_docstring_or_refused() -> None:
    """The sentence ``Exit status: ...`` is read in order; without it the page is not made."""
    doc = "The tool.\n\nExit status: 0 all\nwell; 3 it broke (badly).\n"
    assert [("0", "all well"), ("3", "it broke (badly)")] == cli_page.exit_statuses(doc)
    with pytest.raises(ValueError, match="Exit status"):
        cli_page.exit_statuses("No statuses here.")


# ------------------------------------------------------------------ the changelog page


def test_changelog_links_work_on_the_site(tmp_path: Path) -> None:
    """Links into docs/ point at the page, links to other repository files keep only their
    words, and web links, anchors and code stay as written."""
    docs = tmp_path / "docs"
    text = (
        "See [versions](docs/versioning.md#rules), [the code](src/x.py), "
        "[a site](https://example.org/), [here](#top), `[not](a.md)` and [ref][r].\n\n"
        "[r]: LICENSE\n"
    )
    assert (
        "See [versions](versioning.md#rules), the code, "
        "[a site](https://example.org/), [here](#top), `[not](a.md)` and ref.\n\n"
    ) == changelog_page.fix_links(text, tmp_path, docs)


def test_changelog_page_is_the_changelog_file() -> None:
    """The page's text is CHANGELOG.md's, apart from link fixes and the versioning pointer."""
    page = changelog_page.pages()["changelog.md"]
    assert isinstance(page, str)
    note = re.compile(r"^How the schema is versioned: .*\n\n", re.M)
    expected = changelog_page.fix_links(CHANGELOG, changelog_page.ROOT, changelog_page.DOCS)
    assert expected == note.sub("", page)


# ------------------------------------------------------------------ the model diagram


def _collection_classes() -> list[str]:
    hints = typing.get_type_hints(model.Casefile)
    return [typing.get_args(hints[name])[0].__name__ for name in collections()]


@dataclass
class Drawing:
    """The model diagram's boxes and arrow segments, as drawn."""

    boxes: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)
    segments: list[tuple[str, tuple[float, float], tuple[float, float]]] = field(
        default_factory=list
    )


@pytest.fixture(scope="module")
def drawing() -> Drawing:
    """The model diagram's boxes and the straight runs of its arrows, read from the SVG."""
    svg = ET.fromstring(model_diagram.pages()["assets/model.svg"])
    result = Drawing()
    for group in svg.iter(f"{SVG}g"):
        rect = group.find(f"{SVG}rect")
        if rect is not None:
            size = [float(rect.get(k) or 0) for k in ("x", "y", "width", "height")]
            result.boxes[group.findtext(f"{SVG}title") or ""] = (size[0], size[1], size[2], size[3])
    for path in svg.iter(f"{SVG}path"):
        title = path.findtext(f"{SVG}title")
        if title:
            label = title.split()[0]
            result.segments += [(label, a, b) for a, b in _straight_runs(path.get("d") or "")]
    return result


def _straight_runs(d: str) -> Iterator[tuple[tuple[float, float], tuple[float, float]]]:
    """The straight lines of a path made of M, L and (corner-rounding) Q commands."""
    here = (0.0, 0.0)
    for command, numbers in re.findall(r"([MLQ])([^MLQ]*)", d):
        values = [float(n) for n in re.findall(r"-?[0-9.]+", numbers)]
        point = (values[-2], values[-1])
        if command == "L":
            yield here, point
        here = point


def test_model_diagram_has_a_box_for_each_collection_and_value() -> None:
    """The boxes are the casefile's collections, plus the boxed value types."""
    graph = model_diagram.model_graph()
    expected = {*_collection_classes(), *(c.__name__ for c in model_diagram.VALUE_BOXES)}
    assert expected == set(graph.boxes)


def test_model_diagram_boxes_do_not_overlap(drawing: Drawing) -> None:
    """No two boxes share any area."""
    overlapping = [
        (a, b)
        for a, (ax, ay, aw, ah) in drawing.boxes.items()
        for b, (bx, by, bw, bh) in drawing.boxes.items()
        if a < b and ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah
    ]
    assert [] == overlapping


def test_model_diagram_arrows_never_cross_a_box(drawing: Drawing) -> None:
    """Every arrow runs in the gaps: no segment enters the inside of any box."""
    crossing = []
    for label, (x1, y1), (x2, y2) in drawing.segments:
        for name, (x, y, w, h) in drawing.boxes.items():
            inside_x = min(x1, x2) < x + w - 0.5 and max(x1, x2) > x + 0.5
            inside_y = min(y1, y2) < y + h - 0.5 and max(y1, y2) > y + 0.5
            if inside_x and inside_y:
                crossing.append(f"{label} crosses {name}")
    assert [] == crossing


def test_model_diagram_arrows_never_run_along_each_other(drawing: Drawing) -> None:
    """Two arrows from different rows never share a stretch of line, so each can be followed."""
    shared = []
    for (la, a1, a2), (lb, b1, b2) in _pairs(drawing.segments):
        if la == lb:
            continue
        if a1[1] == a2[1] == b1[1] == b2[1] and _overlap(a1[0], a2[0], b1[0], b2[0]):
            shared.append((la, lb))
        if a1[0] == a2[0] == b1[0] == b2[0] and _overlap(a1[1], a2[1], b1[1], b2[1]):
            shared.append((la, lb))
    assert [] == shared


def _pairs(items: list[Any]) -> Iterator[tuple[Any, Any]]:
    for i, a in enumerate(items):
        for b in items[i + 1 :]:
            yield a, b


def _overlap(a1: float, a2: float, b1: float, b2: float) -> bool:
    return min(max(a1, a2), max(b1, b2)) - max(min(a1, a2), min(b1, b2)) > 0.5


def test_model_diagram_shows_every_reference_of_every_collection() -> None:
    """Each property the schema says refers to something is a row of its record's box."""
    svg = ET.fromstring(model_diagram.pages()["assets/model.svg"])
    expected = {
        f"{name}.{prop}"
        for name in _collection_classes()
        for prop, sub in SCHEMA["$defs"][name]["properties"].items()
        if "Refers to:" in sub.get("description", "")
    }
    drawn = {
        f"{group.findtext(f'{SVG}title')}.{squash(text.text or '')}"
        for group in svg.iter(f"{SVG}g")
        for text in group.iter(f"{SVG}text")
    }
    assert set() == expected - drawn


def test_model_diagram_is_self_contained_and_scales() -> None:
    """The figure has a title, a viewBox and full width, loads nothing, and every font list
    ends in a generic family, so it draws with the reader's own fonts."""
    text = model_diagram.pages()["assets/model.svg"]
    svg = ET.fromstring(text)
    assert ("100%", 4) == (svg.get("width"), len((svg.get("viewBox") or "").split()))
    assert svg.findtext(f"{SVG}title")
    assert [] == [a for a in css_addresses(text) if is_elsewhere(a)]
    assert "@font-face" not in text
    lists = {e.get("font-family") for e in svg.iter() if e.get("font-family")}
    last = {family.split(",")[-1].strip() for family in lists if family}
    assert lists
    assert last <= {"serif", "sans-serif", "monospace", "system-ui", "ui-monospace"}


def test_model_diagram_is_the_same_on_every_build() -> None:
    """Drawing twice gives the same bytes, so the site does not change between builds."""
    assert model_diagram.pages() == model_diagram.pages()


# ------------------------------------------------------------------ the CLI page's examples


def _examples(page: str) -> dict[str, list[str]]:
    """Each command's example block on the generated page: the command line (its lines
    continued with a backslash joined into one), then the lines shown of its output."""
    found = {}
    block = re.compile(r"\{ #([\w-]+)-example \}\n\n```console(?: \{ \.wrap \})?\n(.*?)\n```", re.S)
    for match in block.finditer(page):
        found[match[1]] = re.sub(r" \\\n +", " ", match[2]).split("\n")
    return found


@pytest.fixture(scope="module")
def cli_markdown() -> str:
    """The command-line page as the site builds it, examples run."""
    return cli_page.pages()["cli.md"]


def test_cli_page_has_an_example_for_every_command(cli_markdown: str) -> None:
    """Every command on the parser has an example, run, with the output it printed."""
    examples = _examples(cli_markdown)
    assert list(cli_page.commands(_parser())) == list(examples)
    assert all(lines[0].startswith("$ casefile ") for lines in examples.values())


def test_cli_page_examples_print_what_the_command_prints(cli_markdown: str, tmp_path: Path) -> None:
    """Each example's output, as shown, is the start of what the command prints when run as a
    separate process, in the same order, from the repository's root."""
    differ = []
    durations = re.compile(r"\b\d+(\.\d+)? s\b")
    for name, lines in _examples(cli_markdown).items():
        # "$ casefile COMMAND ARGS": the arguments that name repository files, read from there.
        _, command, *arguments = lines[0][2:].split()
        arguments = [str(ROOT / w) if (ROOT / w).exists() else w for w in arguments]
        result = subprocess.run(
            [sys.executable, "-m", "casefile", command, *arguments],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            env={**os.environ, "COLUMNS": cli_page.EXAMPLE_COLUMNS},
            check=False,
        )
        printed = (result.stdout + result.stderr).replace(f"{ROOT}/", "")
        shown = lines[1:]
        if durations.sub("T", "\n".join(shown)) != durations.sub(
            "T", "\n".join(printed.rstrip("\n").split("\n")[: len(shown)])
        ):
            differ.append(name)
    assert [] == differ


def test_cli_page_describes_the_json_of_every_command_that_prints_json(cli_markdown: str) -> None:
    """A command that takes --format json has a section on the shape of its JSON, with a row
    for each top-level member its example printed."""
    takes_json = [
        name for name, (sub, _) in cli_page.commands(_parser()).items() if cli_page._takes_json(sub)
    ]
    described = re.findall(r"\{ #([\w-]+)-json \}", cli_markdown)
    assert takes_json == described
    summary = cli_markdown.split("{ #summary-json }")[1].split("\n## ")[0]
    assert all(f"<code>{member}</code>" in summary for member in ("counts", "sources", "conflicts"))


def test_cli_page_cuts_long_outputs_and_says_so() -> None:
    """An output longer than the page shows is cut, and the page says how much was left out."""
    body, cut = cli_page.shown("\n".join(str(n) for n in range(30)), limit=24)
    assert (24, 6) == (len(body.split("\n")), cut)
    assert ("a", 0) == cli_page.shown("a\n")


def test_every_json_member_on_the_cli_page_is_described(cli_markdown: str) -> None:
    """Each top-level member of each command's JSON has a description: from its answer type,
    or from the list in the docstring of the code that builds a plain object."""
    undescribed = re.findall(r"^\| <code>([^<]+)</code> \| [^|]+ \| — \|$", cli_markdown, re.M)
    assert [] == undescribed
    assert "| <code>file</code> | string | the path as given. |" in cli_markdown


def test_json_members_are_read_from_a_docstring_list() -> None:
    """A docstring's ``- ``name``: what it is`` lines describe those members: several names
    may share a line, a description may go on over indented lines, other text is ignored."""
    doc = "Intro.\n\n- ``a``, ``b``: both\n  of them.\n- ``c``: the third.\n\nNot ``d``: no."
    assert {"a": "both of them.", "b": "both of them.", "c": "the third."} == (
        cli_page.member_docs(doc)
    )


def test_json_members_are_described_from_the_answer_types() -> None:
    """A JSON object converted from an answer type is named, and its members described from
    that class's docstring."""
    shape = "\n".join(cli_page.json_shape([{"root": "src", "attributions": ["at-1"]}]))
    assert "each item is one <code>Line</code>" in shape
    assert "| <code>root</code> | string |" in shape


def test_the_import_example_files_are_the_mapping_pages() -> None:
    """examples/small-board, which the CLI page imports, holds the mapping page's complaints
    table and mapping as the page shows them."""
    page = (ROOT / "docs" / "mapping.md").read_text(encoding="utf-8")
    for name in ("complaints.csv", "complaints.yaml"):
        block = re.search(rf'```\w+ title="{re.escape(name)}"\n(.*?)```', page, re.S)
        assert block is not None
        assert block[1] == (ROOT / "examples" / "small-board" / name).read_text(encoding="utf-8")
