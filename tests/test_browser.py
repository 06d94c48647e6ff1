"""The built documentation site, opened in a real headless browser.

Builds the site with ``mkdocs build --strict`` and runs ``tests/js/check_site.mjs``: every
page loads with its title and no console errors, the navigation and search work, the figures
show, and nothing is fetched from another host. Skipped where Debian's chromium, Node or the
script's npm packages (``cd tests/js && npm ci``) are missing.
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
