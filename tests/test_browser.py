"""The built documentation site, opened in a real headless browser.

Builds the site with ``mkdocs build --strict`` and runs ``tests/js/check_site.mjs``: every
page loads with its title and no console errors, the navigation and search work, the figures
show, and nothing is fetched from another host. Skipped where Debian's chromium, Node or the
script's npm packages (``cd tests/js && npm ci``) are missing.

It also serves the reference casefile's SQLite export with Datasette and has chromium draw the
attributions page, the picture on the Exports page; ``CASEFILE_UPDATE_SCREENSHOTS=1`` writes
it to ``docs/images/``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
SCRIPT = ROOT / "tests" / "js" / "check_site.mjs"
CHROMIUM = Path("/usr/bin/chromium")


def _missing() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is not installed (apt-get install chromium)"
    if shutil.which("node") is None:
        return "node is not installed"
    if not (ROOT / "tests" / "js" / "node_modules" / "playwright-core").is_dir():
        return "playwright-core is not installed (cd tests/js && npm ci)"
    return None


@pytest.mark.skipif(_missing() is not None, reason=str(_missing()))
def test_site_works_in_a_headless_browser(tmp_path: Path) -> None:
    """Every check of the browser script passes on a fresh strict build of the site."""
    site = tmp_path / "site"
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert 0 == build.returncode, build.stderr
    check = subprocess.run(
        ["node", str(SCRIPT), str(site), "--chromium", str(CHROMIUM)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    failures = [line for line in check.stdout.splitlines() if line.startswith("FAIL")]
    assert [] == failures, check.stdout + check.stderr
    assert 0 == check.returncode, check.stdout + check.stderr
    assert "checks passed" in check.stdout.splitlines()[-1]


# ------------------------------------------------------------------ Datasette, for the docs

SCREENSHOT = ROOT / "docs" / "images" / "datasette-attributions.png"
#: The attributions page the docs show: a few columns (the metadata adds facets).
ATTRIBUTIONS = (
    "/casefiles/attributions?_col=speaker&_col=source&_col=stance&_col=quote_exact&_size=8"
)


@pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed")
def test_datasette_shows_the_reference_attributions_and_the_docs_screenshot_is_current(
    tmp_path: Path,
) -> None:
    """Datasette serves the reference casefile's SQLite export, and chromium draws its
    attributions page: the picture is a PNG of the docs' size. With
    CASEFILE_UPDATE_SCREENSHOTS=1 it replaces docs/images/datasette-attributions.png."""
    import os
    import socket
    import time
    import urllib.request

    import casefile
    from casefile.export import export

    database = tmp_path / "casefiles.db"
    export(casefile.reference(), database, "sqlite")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "datasette", "serve", str(database), "--metadata",
         str(tmp_path / "casefiles.metadata.json"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}{ATTRIBUTIONS}"
    picture = tmp_path / "attributions.png"
    try:
        for _ in range(100):  # up to 30 seconds
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    page = response.read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.3)
        else:
            raise AssertionError("datasette did not start")
        assert "Who said what, where" in page and "stance" in page
        shot = subprocess.run(
            [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             "--no-first-run", "--disable-background-networking", "--window-size=1280,2000",
             f"--screenshot={picture}", url],
            capture_output=True,
            text=True,
            timeout=120,
        )  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert picture.exists(), shot.stderr
    header = picture.read_bytes()[:24]
    assert header.startswith(b"\x89PNG\r\n\x1a\n")
    size = (int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big"))
    if os.environ.get("CASEFILE_UPDATE_SCREENSHOTS"):
        SCREENSHOT.parent.mkdir(exist_ok=True)
        SCREENSHOT.write_bytes(picture.read_bytes())
    committed = SCREENSHOT.read_bytes()[:24]
    assert size == (
        int.from_bytes(committed[16:20], "big"),
        int.from_bytes(committed[20:24], "big"),
    )


# ------------------------------------------------------------------ casefile render

RENDER_SCRIPT = ROOT / "tests" / "js" / "check_render.mjs"
#: The screenshots of a render the Render page shows (refreshed with CASEFILE_UPDATE_SCREENSHOTS=1).
RENDER_SHOTS = {
    "index-html-1280.png": ROOT / "docs" / "images" / "render-brief-1280.png",
    "said-html-390.png": ROOT / "docs" / "images" / "render-said-390.png",
}


def _render_checked(site: Path, shots: Path) -> str:
    check = subprocess.run(
        [
            "node",
            str(RENDER_SCRIPT),
            str(site),
            "--chromium",
            str(CHROMIUM),
            "--screenshots",
            str(shots),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    failures = [line for line in check.stdout.splitlines() if line.startswith("FAIL")]
    assert [] == failures, check.stdout + check.stderr
    assert 0 == check.returncode, check.stdout + check.stderr
    return check.stdout


@pytest.mark.skipif(_missing() is not None, reason=str(_missing()))
def test_renders_of_the_reference_and_of_10000_records_work_in_a_headless_browser(
    tmp_path: Path,
) -> None:
    """Both renders load at 1280 and 390 px with no console errors and nothing from elsewhere;
    the timeline's marks carry hover titles and quotes are highlighted; the screenshots the
    docs show are taken here."""
    import os

    from benchmarks.synthetic import generate

    from casefile.cli import main

    reference = tmp_path / "reference-site"
    assert 0 == main(["render", "-o", str(reference)])
    out = _render_checked(reference, tmp_path / "shots")
    assert "hover titles" in out and "highlighted" in out
    if os.environ.get("CASEFILE_UPDATE_SCREENSHOTS"):
        for name, target in RENDER_SHOTS.items():
            shutil.copyfile(tmp_path / "shots" / name, target)
    for target in RENDER_SHOTS.values():
        assert target.is_file(), f"{target} is missing: CASEFILE_UPDATE_SCREENSHOTS=1 makes it"

    folder = tmp_path / "generated"
    generate(10_000, seed=0).write(folder)
    large = tmp_path / "large-site"
    assert 0 == main(
        ["render", str(folder / "casefile.json"), "--documents", str(folder), "-o", str(large)]
    )
    _render_checked(large, tmp_path / "large-shots")
