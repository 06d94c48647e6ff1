"""Tests for a release: one version source, what the wheel and sdist hold, and fresh installs.

The wheel and the sdist are built once per session with ``python -m build`` (the sdist first,
then the wheel from the unpacked sdist, as an installer building from the sdist would), or
taken from the folder named by ``CASEFILE_DIST`` when ``scripts/check-release`` has built
them already. The tests that install them into fresh virtual environments, and the one that
builds the documentation as Read the Docs would, take a minute or more each and need the
package index: they are marked ``release``, left out of a plain ``pytest`` run, and run by
``scripts/check-release`` (which ``.ci/run`` calls).
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from email.parser import HeaderParser
from pathlib import Path
from typing import Any

import pytest
import yaml

import casefile
from casefile.version import DISTRIBUTION

ROOT = Path(__file__).parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PACKAGE = ROOT / "src" / "casefile"
SEEDS = ROOT / "seeds"
# The wheel's file names start with the distribution name, normalised (PEP 427).
STEM = f"{DISTRIBUTION.replace('-', '_')}-{casefile.__version__}"

# Everything the package reads at run time besides its modules, pinned by name: a file that is
# moved or left out of the wheel fails here, not in a user's installation.
DATA_FILES = {
    "casefile/py.typed",
    "casefile/data/casefile.schema.json",
    "casefile/data/contexts/anno.jsonld",
    "casefile/data/contexts/casefile.jsonld",
    "casefile/data/extraction.schema.json",
    "casefile/data/mapping.schema.json",
    "casefile/data/reference/casefile.json",
    *(f"casefile/data/reference/documents/{p.name}" for p in sorted(SEEDS.glob("*.txt"))),
}
# Modules named because a feature depends on them being there: the command, the version, and
# the strategies behind the ``strategies`` extra.
NAMED_MODULES = {
    "casefile/__init__.py",
    "casefile/__main__.py",
    "casefile/cli.py",
    "casefile/strategies.py",
    "casefile/version.py",
}
METADATA_FILES = {
    f"{STEM}.dist-info/{name}"
    for name in ("METADATA", "RECORD", "WHEEL", "entry_points.txt", "licenses/LICENSE")
}


def _modules() -> set[str]:
    """Every module in the source tree, by its path in the wheel."""
    return {f"casefile/{p.relative_to(PACKAGE).as_posix()}" for p in PACKAGE.rglob("*.py")}


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding this version's sdist and wheel, built once per session."""
    given = os.environ.get("CASEFILE_DIST")
    if given:
        return Path(given).resolve()
    if importlib.util.find_spec("build") is None:
        pytest.skip("build is not installed (pip install -e '.[release]')")
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    return out


@pytest.fixture(scope="session")
def wheel(dist: Path) -> Path:
    """This version's wheel."""
    return dist / f"{STEM}-py3-none-any.whl"


@pytest.fixture(scope="session")
def sdist(dist: Path) -> Path:
    """This version's source distribution."""
    return dist / f"{STEM}.tar.gz"


# ------------------------------------------------------------------ one version source


def test_the_version_is_written_in_version_py_alone() -> None:
    """pyproject declares the version dynamic and has hatchling read it from casefile/version.py."""
    assert "version" not in PYPROJECT["project"]
    assert ["version"] == PYPROJECT["project"]["dynamic"]
    assert {"path": "src/casefile/version.py"} == PYPROJECT["tool"]["hatch"]["version"]
    text = (PACKAGE / "version.py").read_text(encoding="utf-8")
    assert [casefile.__version__] == re.findall(r'^__version__ = "([^"]+)"$', text, flags=re.M)


def test_the_version_is_a_plain_release_number() -> None:
    """The version is PEP 440 MAJOR.MINOR.PATCH, with an optional pre-release or dev suffix."""
    assert re.fullmatch(r"\d+\.\d+\.\d+((a|b|rc)\d+)?(\.dev\d+)?", casefile.__version__)


def test_the_changelog_sections_are_unreleased_then_releases_newest_first() -> None:
    """CHANGELOG.md opens with Unreleased; each later section is a release with its date."""
    headings = re.findall(r"^## (.+)$", (ROOT / "CHANGELOG.md").read_text("utf-8"), flags=re.M)
    assert "Unreleased" == headings[0]
    releases = headings[1:]
    for heading in releases:
        assert re.fullmatch(r"\d+\.\d+\.\d+\S* - \d{4}-\d{2}-\d{2}", heading), heading
    dates = [heading.split(" - ")[1] for heading in releases]
    assert sorted(dates, reverse=True) == dates


def _load(path: Path) -> Any:
    """A Python file of the repository that is not in a package (a script, a docs hook)."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _prepare_release() -> Any:
    """scripts/prepare_release.py as a module."""
    return _load(ROOT / "scripts" / "prepare_release.py")


def _copy_for_release(into: Path) -> Path:
    """A folder with this checkout's CHANGELOG.md and version.py, where a release can be prepared."""
    (into / "src" / "casefile").mkdir(parents=True)
    shutil.copy(ROOT / "CHANGELOG.md", into / "CHANGELOG.md")
    shutil.copy(PACKAGE / "version.py", into / "src" / "casefile" / "version.py")
    return into


def test_preparing_a_release_turns_unreleased_into_its_section(tmp_path: Path) -> None:
    """The Unreleased section becomes ``## VERSION - DATE`` under an empty Unreleased; version.py says VERSION."""
    root = _copy_for_release(tmp_path)
    before = (root / "CHANGELOG.md").read_text(encoding="utf-8")
    _prepare_release().prepare(root, "9.8.7", "2030-01-02")
    after = (root / "CHANGELOG.md").read_text(encoding="utf-8")
    assert before.replace("## Unreleased\n", "## Unreleased\n\n## 9.8.7 - 2030-01-02\n", 1) == after
    assert ["Unreleased", "9.8.7 - 2030-01-02"] == re.findall(r"^## (.+)$", after, flags=re.M)[:2]
    text = (root / "src" / "casefile" / "version.py").read_text(encoding="utf-8")
    assert ["9.8.7"] == re.findall(r'^__version__ = "([^"]+)"$', text, flags=re.M)


@pytest.mark.parametrize(
    ("version", "date", "expected"),
    [
        ("9.8", "2030-01-02", "expected a version like"),
        ("v9.8.7", "2030-01-02", "expected a version like"),
        ("9.8.7", "2 January 2030", "expected a date like"),
    ],
)
def test_preparing_a_release_refuses_malformed_input_and_writes_nothing(
    tmp_path: Path, version: str, date: str, expected: str
) -> None:
    """A malformed version or date is refused with what was expected, and neither file changes."""
    root = _copy_for_release(tmp_path)
    module = _prepare_release()
    with pytest.raises(module.ReleaseError, match=expected):
        module.prepare(root, version, date)
    assert (ROOT / "CHANGELOG.md").read_bytes() == (root / "CHANGELOG.md").read_bytes()
    assert (PACKAGE / "version.py").read_bytes() == (root / "src/casefile/version.py").read_bytes()


def test_preparing_a_release_twice_or_with_nothing_unreleased_is_refused(tmp_path: Path) -> None:
    """A version already in the changelog is refused, and so is an empty Unreleased section."""
    root = _copy_for_release(tmp_path)
    module = _prepare_release()
    module.prepare(root, "9.8.7", "2030-01-02")
    with pytest.raises(module.ReleaseError, match=r"already has a section for 9\.8\.7"):
        module.prepare(root, "9.8.7", "2030-01-03")
    with pytest.raises(module.ReleaseError, match=r"Unreleased section of CHANGELOG\.md is empty"):
        module.prepare(root, "9.8.8", "2030-01-03")


def test_the_oldest_python_classifier_is_the_declared_floor() -> None:
    """The Python versions pyproject lists run without a gap from the requires-python floor."""
    project = PYPROJECT["project"]
    listed = [
        _release(c.rsplit(" :: ", 1)[1])
        for c in project["classifiers"]
        if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)
    ]
    floor = _release(project["requires-python"].removeprefix(">="))
    assert [(3, minor) for minor in range(floor[1], floor[1] + len(listed))] == sorted(listed)


def _lower_bounds(requirements: list[str]) -> dict[str, str]:
    """Each ``name>=version`` requirement's name (lowercase) and version."""
    found = (re.fullmatch(r"([A-Za-z0-9_.-]+)>=([0-9][^,;\s]*)", r) for r in requirements)
    return {m[1].lower(): m[2] for m in found if m}


def test_the_lowest_constraints_pin_the_declared_lower_bounds() -> None:
    """constraints/lowest.txt pins each runtime, fast and strategies dependency at its lower bound.

    A declared bound is what CI tests, so the two are one list written twice: this holds them
    equal (``1.2`` in pyproject is ``1.2.0`` here).
    """
    project = PYPROJECT["project"]
    extras = project["optional-dependencies"]
    declared = _lower_bounds([*project["dependencies"], *extras["fast"], *extras["strategies"]])
    lines = (ROOT / "constraints" / "lowest.txt").read_text(encoding="utf-8").splitlines()
    pinned = dict(
        line.lower().split("==") for line in lines if line.strip() and not line.startswith("#")
    )
    assert {name: _release(v) for name, v in declared.items()} == {
        name: _release(v) for name, v in pinned.items()
    }


def _release(version: str) -> tuple[int, ...]:
    """A release number as integers without trailing zeros: ``1.2`` and ``1.2.0`` are equal."""
    parts = [int(part) for part in version.split(".")]
    while parts and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


# ------------------------------------------------------------------ the wheel and the sdist


def test_the_wheel_holds_the_package_its_data_and_nothing_else(wheel: Path) -> None:
    """The wheel is the modules, py.typed, the schema and the reference casefile with its documents.

    Nothing from tests/, docs/, build/, seeds/ or schema/ at the top level, and no bytecode.
    """
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert NAMED_MODULES <= _modules()
    assert _modules() | DATA_FILES | METADATA_FILES == names


def test_the_wheel_metadata_names_the_command_version_and_dependencies(wheel: Path) -> None:
    """METADATA carries the distribution name, version, Python floor and every declared extra."""
    with zipfile.ZipFile(wheel) as archive:
        metadata = HeaderParser().parsestr(archive.read(f"{STEM}.dist-info/METADATA").decode())
        entry_points = archive.read(f"{STEM}.dist-info/entry_points.txt").decode()
    assert DISTRIBUTION == metadata["Name"]
    assert casefile.__version__ == metadata["Version"]
    assert PYPROJECT["project"]["requires-python"] == metadata["Requires-Python"]
    assert set(PYPROJECT["project"]["optional-dependencies"]) == set(
        metadata.get_all("Provides-Extra")
    )
    assert "casefile = casefile.cli:main" in entry_points.splitlines()


def test_the_sdist_holds_what_builds_and_tests_the_package(sdist: Path) -> None:
    """The sdist has the sources, schema, seeds, tests and docs, and nothing git ignores."""
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    for needed in (
        "pyproject.toml",
        "README.md",
        "LICENSE",
        "CHANGELOG.md",
        "src/casefile/py.typed",
        "src/casefile/data/reference/casefile.json",
        "schema/casefile.schema.json",
        "seeds/extraction.yaml",
        "tests/conftest.py",
        "mkdocs.yml",
    ):
        assert needed in names
    ignored = re.compile(r"(^|/)(build|dist|site|\.venv[^/]*|node_modules|__pycache__)(/|$)")
    assert [] == sorted(name for name in names if ignored.search(name))


def test_twine_accepts_both_distributions(wheel: Path, sdist: Path) -> None:
    """``twine check --strict``: the metadata and README render as the package index will show them."""
    if importlib.util.find_spec("twine") is None:
        pytest.skip("twine is not installed (pip install -e '.[release]')")
    result = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", str(wheel), str(sdist)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert 0 == result.returncode, result.stdout + result.stderr


# ------------------------------------------------------------------ fresh installs


def _readme_command() -> list[str]:
    """The casefile command of the README's first line: build and summarise the reference."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first = re.findall(r"```sh\n(.*?)```", readme, flags=re.S)[0]
    (line,) = [line for line in first.splitlines() if "casefile build" in line]
    command = line.split(" && ")[-1]
    assert command.startswith(".venv/bin/casefile ")
    return shlex.split(command.removeprefix(".venv/bin/"))


def _run(args: list[str | Path], cwd: Path) -> str:
    """Run a command outside the checkout, with no PYTHONPATH; return what it printed."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    assert 0 == result.returncode, f"{args}:\n{result.stdout}{result.stderr}"
    return result.stdout


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """An empty folder outside the checkout with a copy of seeds/ in it."""
    work = tmp_path / "work"
    shutil.copytree(SEEDS, work / "seeds")
    assert not work.resolve().is_relative_to(ROOT.resolve())
    return work


# What an installed user relies on, checked from the installation rather than the checkout.
_CHECKS = """
import pathlib, sys
import casefile
from casefile import version
assert pathlib.Path(sys.prefix) in pathlib.Path(casefile.__file__).parents, casefile.__file__
assert casefile.__version__ == sys.argv[1], casefile.__version__
case = casefile.reference()  # quotes re-verified against the shipped documents
assert casefile.validate(casefile.dumps(case)) == []
assert casefile.load_schema()["$id"] == version.SCHEMA_ID
built = pathlib.Path("build/reference.casefile.json").read_text(encoding="utf-8")
from casefile.reference import reference_text
assert built == reference_text(), "the README's build differs from the shipped reference"
if sys.argv[2] == "strategies":
    from hypothesis import HealthCheck, given, settings
    from casefile import strategies
    @settings(
        max_examples=5, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )
    @given(strategies.casefiles())
    def drawn_casefiles_validate(drawn):
        assert casefile.validate(drawn.casefile) == []
    drawn_casefiles_validate()
print("ok")
"""


@pytest.mark.release
@pytest.mark.parametrize("kind", ["wheel", "sdist"])
def test_a_fresh_install_runs_the_readme_command_and_the_reference_checks(
    kind: str, wheel: Path, sdist: Path, outside: Path, tmp_path: Path
) -> None:
    """Installed alone into a new virtual environment, each distribution does the README's job.

    From a folder outside the checkout: the README's build command writes the reference casefile
    from the seeds, identical to the one shipped; ``casefile validate`` accepts it with its
    documents; ``summary`` reads the shipped reference; ``--version`` names this version; and
    the package's own data (schema, reference, documents) and, from the wheel with the
    ``strategies`` extra, the strategies work.
    """
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    bin_ = venv / "bin"
    target = f"{wheel}[strategies]" if kind == "wheel" else str(sdist)
    _run([bin_ / "python", "-m", "pip", "install", "-q", target], outside)

    _run([bin_ / _readme_command()[0], *_readme_command()[1:]], outside)
    output = outside / "build" / "reference.casefile.json"
    assert output.is_file()
    validated = _run([bin_ / "casefile", "validate", output, "--documents", "seeds"], outside)
    assert "valid" in validated
    assert casefile.reference().title in _run([bin_ / "casefile", "summary", "--brief"], outside)
    assert (
        f"casefile {casefile.__version__} ({DISTRIBUTION}), schema {casefile.SCHEMA_VERSION}\n"
        == _run([bin_ / "casefile", "--version"], outside)
    )
    extra = "strategies" if kind == "wheel" else "-"
    checks = [bin_ / "python", "-I", "-c", _CHECKS, casefile.__version__, extra]
    assert "ok\n" == _run(checks, outside)


# ------------------------------------------------------------------ the hosted documentation


def _clean_checkout(into: Path) -> Path:
    """Copy the files a clean clone would have: tracked ones and new ones git does not ignore."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():  # a file deleted but not yet committed is not in a clean clone
            (into / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, into / name)
    return into


def _schema_files() -> Any:
    """docs/hooks/schema_files.py as a module."""
    return _load(ROOT / "docs" / "hooks" / "schema_files.py")


def test_the_site_serves_the_schemas_at_the_paths_their_ids_name() -> None:
    """The docs hook adds the committed casefile and extraction schemas, byte for byte, at
    schema/MAJOR.MINOR/, and the mapping schema at its $id's path under the site."""
    schema = ROOT / "schema"
    expected = {
        f"schema/{casefile.SCHEMA_VERSION}/casefile.schema.json": (
            schema / "casefile.schema.json"
        ).read_bytes(),
        f"schema/{casefile.SCHEMA_VERSION}/extraction.schema.json": (
            schema / "extraction.schema.json"
        ).read_bytes(),
        "schema/mapping.schema.json": (schema / "mapping.schema.json").read_bytes(),
    }
    assert expected == _schema_files().pages("https://casefile.example.org/")


@pytest.mark.parametrize(
    "schema_id",
    ["https://example.org/casefile.schema.json", "urn:casefile:schema:2", "urn:casefile:x:2.0", ""],
)
def test_an_id_outside_the_urn_scheme_has_no_path_on_the_site(schema_id: str) -> None:
    """Only ``urn:casefile:schema:MAJOR.MINOR`` and ``urn:casefile:extraction:MAJOR.MINOR`` map
    to a path; anything else is an error."""
    with pytest.raises(ValueError, match="expected an \\$id like"):
        _schema_files().site_path(schema_id)


def test_readthedocs_builds_with_the_docs_extra_alone() -> None:
    """.readthedocs.yaml installs the package with the docs extra and builds strictly into its output."""
    config = yaml.safe_load((ROOT / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert 2 == config["version"]
    commands = config["build"]["commands"]
    assert ["python -m pip install '.[docs]'"] == [c for c in commands if "pip install" in c]
    (build,) = [c for c in commands if "mkdocs build" in c]
    assert "--strict" in build
    assert '--site-dir "$READTHEDOCS_OUTPUT/html"' in build


@pytest.mark.release
def test_a_clean_checkout_builds_the_site_with_the_readthedocs_commands(tmp_path: Path) -> None:
    """Each command of .readthedocs.yaml, run as written in a fresh environment, builds the site.

    The checkout holds only what a clean clone would; ``python`` is a new virtual environment's,
    as Read the Docs' is its own. The site has no warnings (the build is strict) and serves the
    schema, byte for byte, at the versioned path its ``$id`` gives.
    """
    checkout = _clean_checkout(tmp_path / "checkout")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    output = tmp_path / "_readthedocs"
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    env |= {"PATH": f"{venv / 'bin'}{os.pathsep}{env['PATH']}", "READTHEDOCS_OUTPUT": str(output)}
    config = yaml.safe_load((checkout / ".readthedocs.yaml").read_text(encoding="utf-8"))
    for command in config["build"]["commands"]:
        result = subprocess.run(
            ["bash", "-c", command], cwd=checkout, env=env, capture_output=True, text=True
        )
        assert 0 == result.returncode, f"{command}:\n{result.stdout}{result.stderr}"
    site = output / "html"
    assert (site / "index.html").is_file()
    schema = (ROOT / "schema" / "casefile.schema.json").read_bytes()
    version = json.loads(schema)["$id"].rsplit(":", 1)[1]
    assert casefile.SCHEMA_VERSION == version
    assert schema == (site / "schema" / version / "casefile.schema.json").read_bytes()
