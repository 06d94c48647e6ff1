"""Reading and naming files safely: only regular files, never blocking, never past a limit.

Every file the library reads (a casefile, an extraction, a document) comes through
``read_regular``; every file it writes is first checked by ``output_problem``. A path a file
system can present but no reader should follow (a pipe, which blocks a read until someone
writes to it; a device, which may never end; symbolic links that lead round in a circle) is
refused with a ``FileError`` whose code says which, before anything is read.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from .errors import FileError, UnsafeOutput

__all__ = ["Identity", "check_output", "identity", "read_regular"]

#: A file's identity on its file system: (device, inode). Two paths with the same identity are
#: the same file, however they are spelt (``a.txt``, ``./a.txt``, a link, a hard link).
Identity = tuple[int, int]

_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def _refusal(path: Path, info: os.stat_result, max_bytes: int) -> FileError | None:
    if stat.S_ISDIR(info.st_mode):
        return None  # left to the caller's own wording (a folder is not a casefile)
    if not stat.S_ISREG(info.st_mode):
        return FileError(
            path,
            "not a regular file (a pipe, a device or a socket): it is not read, since a read "
            "could wait for ever or never end",
            "not-a-file",
        )
    if info.st_size > max_bytes:
        return FileError(
            path,
            f"the file is {info.st_size} bytes, over the limit of {max_bytes}; raise the limit "
            "(max_bytes, or --max-bytes) to read it",
            "too-large",
        )
    return None


def _loop(path: Path) -> FileError:
    return FileError(path, "its symbolic links lead round in a circle", "symlink-loop")


def identity(path: Path) -> Identity:
    """Return the identity of the file at ``path``, following links.

    Raises:
        FileError: the links loop (``symlink-loop``).
        OSError: no such file, or no permission.
    """
    try:
        info = path.stat()
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise _loop(path) from None
        raise
    return info.st_dev, info.st_ino


def read_regular(path: Path, max_bytes: int) -> bytes:
    """Read a regular file whole, refusing it unread if it is over ``max_bytes`` or not one.

    The size and kind are checked from the file system before the file is opened, and again on
    the open file (opened without blocking, so a pipe put in its place cannot stall the read).
    The file is read up to the size it had, then in chunks up to just past the limit, in case it
    grew meanwhile.

    Raises:
        FileError: over the limit (``too-large``), not a regular file (``not-a-file``), or
            links that loop (``symlink-loop``).
        IsADirectoryError: the path is a folder.
        OSError: no such file, or no permission.
    """
    try:
        info = path.stat()
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise _loop(path) from None
        raise
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(path))
    refused = _refusal(path, info, max_bytes)
    if refused is not None:
        raise refused
    try:
        handle = os.open(path, os.O_RDONLY | _NONBLOCK | _CLOEXEC)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise _loop(path) from None
        raise
    try:
        info = os.fstat(handle)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(path))
        refused = _refusal(path, info, max_bytes)
        if refused is not None:
            raise refused
        # Read what the size promised (a read of max_bytes would set aside that much memory at
        # once), then any growth since, in chunks, up to just past the limit.
        chunks = [os.read(handle, info.st_size + 1)] if info.st_size else []
        total = sum(map(len, chunks))
        while total <= max_bytes:
            chunk = os.read(handle, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    finally:
        os.close(handle)
    if total > max_bytes:
        raise FileError(path, f"the file grew past the limit of {max_bytes} bytes", "too-large")
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def check_output(path: Path, inputs: Iterable[tuple[Path, str]] = ()) -> None:
    """Refuse an output path that is one of ``inputs``, or that no file can be written to.

    Args:
        path: where the output would be written.
        inputs: each file read for it, with what it is ("the extraction", "document 'a.txt'").

    Raises:
        UnsafeOutput: ``output-is-input``, ``not-a-file`` (a pipe, a device, a socket) or
            ``symlink-loop``. A missing output, or one in a missing folder, is fine: it will be
            made. A folder is left to the writer, which refuses it as before.
    """
    try:
        info = path.stat()
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise UnsafeOutput(
                path, "its symbolic links lead round in a circle", "symlink-loop"
            ) from None
        return  # a new file (or one the writer will fail to make, with its own error)
    if stat.S_ISDIR(info.st_mode):
        return
    if not stat.S_ISREG(info.st_mode):
        raise UnsafeOutput(
            path,
            "not a regular file (a pipe, a device or a socket); nothing was written",
            "not-a-file",
        )
    target = (info.st_dev, info.st_ino)
    for source, what in inputs:
        try:
            same = identity(source) == target
        except (OSError, FileError):
            continue
        if same:
            raise UnsafeOutput(
                path,
                f"this is {what}, which the command reads: writing here would overwrite it; "
                "choose another output",
                "output-is-input",
            )
