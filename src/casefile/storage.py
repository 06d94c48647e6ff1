"""Reading and writing casefiles as JSON: validated on the way in, atomic on the way out.

Output is deterministic: UTF-8, two-space indentation, an object's required properties first
and then the others that are set, each group in model order, items in the order given, a final
newline, no byte-order mark. Loading what the library wrote and writing it
again gives the same bytes, so casefiles diff well in version control.

Writes go to a temporary file in the target's folder, are flushed to disk, then renamed over
the target in one step: an interrupted save leaves the old file whole, and the next save of
the same file removes the temporary file it left. Reads take regular files only, within a
byte limit (``DEFAULT_MAX_BYTES``, see ``casefile.limits``).
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import tempfile
from pathlib import Path
from typing import IO, Any

from ._files import read_regular
from ._memory import short_of_memory
from ._optional import orjson
from .converter import converter
from .errors import FileError, InvalidCasefile, Problem, UnsafeOutput
from .instances import instance_problems, json_has_float
from .limits import DEFAULT_MAX_BYTES
from .model import Casefile
from .plan import Holds, holds_floats, walk
from .validation import Documents, check, check_read, checked_data

__all__ = [
    "DEFAULT_MAX_BYTES",
    "dump",
    "dumps",
    "load",
    "loads",
    "read_limited",
    "to_data",
    "write_atomic",
]


try:
    import fcntl as _fcntl
except ImportError:  # pragma: no cover - Windows: no flock, and no cleaning of killed saves
    _fcntl = None  # type: ignore[assignment]

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def to_data(casefile: Casefile) -> dict[str, Any]:
    """Return the casefile as JSON-ready Python data (dicts, lists, strings, numbers).

    Raises:
        InvalidCasefile: an object holds what its type does not allow (see
            ``casefile.instances``), such as a string where a tuple belongs, which is never
            split into characters.
    """
    try:
        data: dict[str, Any] = converter.unstructure(casefile)
    except Exception:
        problems = instance_problems(casefile)
        if problems:
            raise InvalidCasefile(problems) from None
        raise
    return data


def dumps(casefile: Casefile) -> str:
    """Return the casefile as deterministic JSON text, unvalidated.

    Raises:
        InvalidCasefile: an object holds what its type does not allow, where writing it would
            fail or change it (see ``to_data``).
    """
    return _encode(to_data(casefile), plain=not _holds_floats(casefile))


def _encode(data: dict[str, Any], *, plain: bool) -> str:
    """Serialise JSON-ready data as the library writes it, the same bytes by either road.

    orjson (the ``fast`` extra) writes the same text as ``json.dumps`` with two-space
    indentation, except for some floats (``1e-05`` against ``0.00001``) and integers beyond 64
    bits, which it refuses. It is used only when the data is ``plain`` (holds no float) and
    installed; otherwise, or if it refuses, the standard library writes.
    """
    if plain:
        encoder = orjson()
        if encoder is not None:
            try:
                encoded: bytes = encoder.dumps(
                    data, option=encoder.OPT_INDENT_2 | encoder.OPT_APPEND_NEWLINE
                )
                return encoded.decode("utf-8")
            except TypeError:  # an integer beyond 64 bits
                pass
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _holds_floats(casefile: Casefile) -> bool:
    """Whether a float is anywhere in the casefile: in a number field, or in extensions.

    These are the only places the model lets a float stand (``casefile.plan`` knows which
    fields they are); everything else is a string, a boolean or an integer.
    """
    for record, current, _, _, _ in walk(casefile, into=holds_floats):
        for field in current.fields:
            if field.holds is Holds.NUMBER:
                value = getattr(record, field.name)
                if any(type(n) is float for n in (value if field.many else (value,))):
                    return True
            elif field.holds is Holds.EXTENSIONS and json_has_float(getattr(record, field.name)):
                return True
    return False


def loads(data: str | bytes, *, documents: Documents | None = None) -> Casefile:
    """Read a casefile from JSON text or bytes, validating it in both layers.

    Raises:
        InvalidCasefile: with every problem found.
    """
    return check(data, documents=documents)


def read_limited(path: Path, max_bytes: int) -> bytes:
    """Read a casefile file whole, refusing it unread with a problem if it cannot be one.

    Refused, each with a problem that names the file: over ``max_bytes`` (``too-large``), not a
    regular file (``not-a-file``: a pipe would block the read, a device might never end), and
    symbolic links that loop (``symlink-loop``). What ``load`` reads through; tools that read
    casefile files themselves (to parse them another way, or to migrate them) use it to keep
    the same limit and the same problems.

    Raises:
        InvalidCasefile: the file is refused, with the problem.
        IsADirectoryError: the path is a folder.
        OSError: the file cannot be read (missing, no permission).
    """
    try:
        return read_regular(path, max_bytes)
    except FileError as error:
        problem = Problem(pointer="", code=error.code, message=str(error))
    except (MemoryError, SystemError) as error:
        if not short_of_memory(error):
            raise
        problem = Problem(
            pointer="",
            code="out-of-memory",
            message=f"{path}: memory ran out while reading it; the file is too large for the "
            "memory this process may use",
        )
    raise InvalidCasefile([problem], f"cannot read {path}")


def load(
    source: str | os.PathLike[str] | IO[bytes],
    *,
    documents: Documents | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Casefile:
    """Read a casefile from a path or a binary file, validating it in both layers.

    Args:
        source: a path, or a file opened in binary mode.
        documents: the documents folder, to check digests and quotes as well.
        max_bytes: refuse larger files before reading them whole.

    Raises:
        InvalidCasefile: with every problem found.
        OSError: the file cannot be read (missing, a folder, no permission).
    """
    # The bytes are handed over in a list that the parser empties (``check_read``): held
    # here as well, they would stay in memory through parsing and checking.
    if isinstance(source, str | os.PathLike):
        handed = [read_limited(Path(source), max_bytes)]
        try:
            return check_read(handed.pop, documents=documents)
        except InvalidCasefile as error:  # named, so that a message says which file
            raise InvalidCasefile(error.problems, f"invalid casefile {source}") from None
    handed = [source.read(max_bytes + 1)]
    if len(handed[0]) > max_bytes:
        raise InvalidCasefile(
            [Problem(pointer="", code="too-large", message=f"the input is over {max_bytes} bytes")]
        )
    return check_read(handed.pop, documents=documents)


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` as UTF-8 to ``path`` through a temporary file renamed into place.

    A new file gets the usual mode (0666 less the umask); an existing one keeps its mode; a
    symbolic link is followed, so the file it points to is replaced and the link kept.

    The temporary file (``.NAME.XXXXXXXX.tmp`` beside the target) is locked while it is
    written. A save killed before its rename leaves one behind; the next save of the same
    target removes every such file no living writer holds (where the system has ``flock``), so
    saves that run at the same time never disturb each other.

    Raises:
        UnsafeOutput: the path is a pipe, a device or a socket (``not-a-file``: replacing it
            would replace, say, ``/dev/null``), or its links loop (``symlink-loop``).
        IsADirectoryError: the path is a folder.
        OSError: the file cannot be written; the target is left as it was.
    """
    target = _output_target(Path(path))
    for _ in range(8):
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below; its name outlives it
            "w",
            encoding="utf-8",
            newline="\n",
            dir=target.parent,
            prefix=f".{target.name}.",
            suffix=".tmp",
            delete=False,
        )
        if _hold(handle.fileno(), handle.name):
            break
        handle.close()  # a cleaner took it between its making and its locking: make another
    else:
        raise OSError(errno.EAGAIN, "could not hold a temporary file beside it", str(target))
    try:
        with handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
            if target.exists():
                mode = target.stat().st_mode & 0o777
            else:
                umask = os.umask(0)
                os.umask(umask)
                mode = 0o666 & ~umask
            os.chmod(handle.name, mode)
            # Renamed while still open, and so still locked: no cleaner can take it first.
            os.replace(handle.name, target)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    _remove_stale(target)


def _output_target(target: Path) -> Path:
    """The file a write to ``target`` replaces: links followed, special files refused."""
    try:
        if target.is_symlink():
            target = target.resolve(strict=True)
        info = target.stat()
    except FileNotFoundError:
        return target
    except (RuntimeError, OSError) as error:  # Python 3.11 raises RuntimeError for a loop
        if isinstance(error, OSError) and error.errno != errno.ELOOP:
            raise
        raise UnsafeOutput(
            target, "its symbolic links lead round in a circle", "symlink-loop"
        ) from None
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(target))
    if not stat.S_ISREG(info.st_mode):
        raise UnsafeOutput(
            target,
            "not a regular file (a pipe, a device or a socket): nothing was written",
            "not-a-file",
        )
    return target


def _hold(descriptor: int, name: str) -> bool:
    """Lock a new temporary file; False if a cleaner removed it before the lock was taken."""
    if _fcntl is None:
        return True
    _fcntl.flock(descriptor, _fcntl.LOCK_EX)
    try:
        return os.stat(name).st_ino == os.fstat(descriptor).st_ino
    except FileNotFoundError:
        return False


def _remove_stale(target: Path) -> None:
    """Remove the temporary files of killed saves of ``target``: those no writer holds."""
    if _fcntl is None:
        return
    prefix = f".{target.name}."
    pattern = re.compile(re.escape(prefix) + r"[a-z0-9_]{8}\.tmp")
    try:
        entries = [e for e in os.scandir(target.parent) if e.name.startswith(prefix)]
    except OSError:
        return
    for entry in entries:
        if not pattern.fullmatch(entry.name):
            continue
        try:
            descriptor = os.open(entry.path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK)
        except OSError:
            continue
        try:
            _fcntl.flock(descriptor, _fcntl.LOCK_EX | _fcntl.LOCK_NB)
            if os.stat(entry.path, follow_symlinks=False).st_ino == os.fstat(descriptor).st_ino:
                os.unlink(entry.path)
        except OSError:
            pass  # held by a save in progress, or gone already
        finally:
            os.close(descriptor)


def dump(
    casefile: Casefile,
    target: str | os.PathLike[str] | IO[str],
    *,
    validate: bool = True,
    documents: Documents | None = None,
) -> None:
    """Write a casefile as JSON; to a path atomically, or to an open text file.

    Args:
        casefile: the casefile.
        target: a path, or a file opened for text.
        validate: check the casefile first and write nothing if it has problems.
        documents: the documents folder, to check digests and quotes before writing.

    Raises:
        InvalidCasefile: ``validate`` is on and the casefile has problems; nothing was written.
    """
    if validate:  # the data checked is the data written: one unstructure, not two
        data, floats = checked_data(casefile, documents=documents)
        text = _encode(data, plain=not floats)
    else:
        text = dumps(casefile)
    if isinstance(target, str | os.PathLike):
        write_atomic(target, text)
    else:
        target.write(text)
