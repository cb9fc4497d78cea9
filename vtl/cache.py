"""An on-disk cache of compiled templates, so a new process skips parsing and compiling.

A compiled template is stored as its generated Python code object (``marshal``; a long
module as the tuple of its pieces) with the few tables :class:`vtl.unit.Unit` needs to map
errors back to the template. One file per template, named by the hash of everything the
compiled code depends on:

- the template text, the profile and the template name (the name is in error messages);
- the engine version: a fingerprint (name, size, modification time) of the engine's own
  source files, which changes with every release installed and every local edit, so code
  compiled by another engine is never run (cheaper at start-up than reading the package
  metadata, and stricter);
- the Python: the bytecode magic number and implementation tag (a code object only loads
  into the interpreter version that wrote it).

Each file carries a checksum (CRC-32 and length) of its payload, checked before ``marshal.loads``: a truncated
or corrupted file is ignored (and rewritten by the next compile), never executed. Writers
write a temporary file in the same folder and ``os.replace`` it over the final name, so two
processes storing the same template at once each leave a complete file and a reader never
sees half of one. The folder is bounded in bytes: past the bound, the least recently used
files (oldest modification time; a hit refreshes it) are removed.

Environment:

- ``VTL_NO_CACHE``: any value but ``""`` or ``0`` turns the cache off (no reads, no writes);
- ``VTL_CACHE_DIR``: the folder (default: the platform's cache folder, see :func:`cache_dir`);
- ``VTL_CACHE_MAX_BYTES``: the bound (default 64 MiB).
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib
from functools import lru_cache
from pathlib import Path
from types import CodeType
from typing import Any

try:
    # BLAKE2 from the interpreter's own module: importing hashlib also loads the OpenSSL
    # binding (_hashlib), which costs a start-up a few milliseconds for nothing used here.
    from _blake2 import blake2b
except ImportError:  # an interpreter without it (e.g. not CPython)
    from hashlib import blake2b

__all__ = ["cache_dir", "enabled", "load", "load_data", "store", "store_data"]

#: The first bytes of every cache file; bump the digit when the payload layout changes.
FILE_MAGIC = b"VTLC3\n"
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
_SUFFIX = ".vtlc"
_CHECKSUM_SIZE = 12  # CRC-32 (4 bytes) and the payload's length (8)
_APP = "apigw-vtl"

#: (folder, bytes) this process believes the folder holds (None until first counted), so
#: pruning scans the folder once per process and again only when the bound is passed.
_known_bytes: tuple[Path, int] | None = None
#: A temporary file older than this was left by a writer that died: pruning removes it.
_STALE_TEMP_NS = 3600 * 10**9


def enabled() -> bool:
    """False when ``VTL_NO_CACHE`` is set (to anything but ``""`` or ``"0"``)."""
    return os.environ.get("VTL_NO_CACHE", "") in ("", "0")


def cache_dir() -> Path:
    """The cache folder: ``VTL_CACHE_DIR``, else the platform's convention for per-user
    caches: ``%LOCALAPPDATA%\\apigw-vtl\\Cache`` on Windows, ``~/Library/Caches/apigw-vtl``
    on macOS, ``$XDG_CACHE_HOME/apigw-vtl`` (default ``~/.cache/apigw-vtl``) elsewhere."""
    override = os.environ.get("VTL_CACHE_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / _APP / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / _APP
    xdg = os.environ.get("XDG_CACHE_HOME")
    # The XDG spec says a relative XDG_CACHE_HOME is invalid and must be ignored.
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / _APP


def _folder() -> Path | None:
    """:func:`cache_dir`, or None when there is no such place (no home directory): the
    cache is then off, as a missing cache must never stop a render."""
    try:
        return cache_dir()
    except (RuntimeError, KeyError, OSError):
        return None


def max_bytes() -> int:
    """The folder's bound in bytes (``VTL_CACHE_MAX_BYTES``, default 64 MiB)."""
    try:
        return max(0, int(os.environ.get("VTL_CACHE_MAX_BYTES", DEFAULT_MAX_BYTES)))
    except ValueError:
        return DEFAULT_MAX_BYTES


@lru_cache(maxsize=1)
def engine_version() -> str:
    """The engine's fingerprint and the Python's bytecode version (computed once)."""
    from importlib.util import MAGIC_NUMBER

    package = os.path.dirname(os.path.abspath(__file__))
    # vtl/apigw too: its template checks keep their results here (load_data/store_data)
    folders = (package, os.path.join(package, "java"), os.path.join(package, "apigw"),
               os.path.join(package, "grammar"),
               os.path.join(os.path.dirname(package), "grammar"))  # installed, or a checkout
    fingerprint = blake2b(digest_size=16)
    for folder in folders:
        try:
            with os.scandir(folder) as scan:
                entries = sorted((e for e in scan if e.name.endswith((".py", ".lark"))),
                                 key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            try:
                stat = entry.stat()
            except OSError:
                continue
            fingerprint.update(f"{folder}/{entry.name}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    python = f"{sys.implementation.cache_tag}:{MAGIC_NUMBER.hex()}"
    return f"{fingerprint.hexdigest()}/{python}"


def key(source: str, profile: str, name: str, kind: str = "code") -> str:
    """The file stem for what is stored about one template (``kind``: the compiled code, or
    other results): the hex digest of everything it depends on."""
    digest = blake2b(digest_size=32)
    for part in (engine_version(), kind, profile, name, source):
        data = part.encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def _checksum(payload: bytes) -> bytes:
    # CRC-32 and the length: enough to catch a torn or damaged file (the folder is the
    # user's own; this guards against accidents, not attackers) at a fraction of a hash's cost.
    return zlib.crc32(payload).to_bytes(4, "little") + len(payload).to_bytes(8, "little")


def load(source: str, profile: str, name: str) -> dict[str, Any] | None:
    """The stored compiled template, or None (missing, unreadable, corrupt, off)."""
    value = _read(key(source, profile, name))
    if not (isinstance(value, dict) and _is_code(value.get("code"))):
        return None
    return value


def _is_code(code: Any) -> bool:
    """One code object, or the pieces of a long module (vtl.unit._module_pieces)."""
    if isinstance(code, tuple):
        return bool(code) and all(isinstance(piece, CodeType) for piece in code)
    return isinstance(code, CodeType)


def store(source: str, profile: str, name: str, payload: dict[str, Any]) -> None:
    """Write ``payload`` (marshal-able, with its ``code``) for this template.

    Best effort: a folder that cannot be created or written only costs the next process a
    compile, so OS errors are swallowed."""
    _write(key(source, profile, name), payload)


def load_data(kind: str, source: str, profile: str, name: str) -> Any:
    """Other stored results about a template (``kind`` names them: ``warnings``...), or None."""
    value = _read(key(source, profile, name, kind))
    return value.get("data") if isinstance(value, dict) else None


def store_data(kind: str, source: str, profile: str, name: str, data: Any) -> None:
    """Store marshal-able ``data`` about a template under ``kind`` (best effort)."""
    _write(key(source, profile, name, kind), {"data": data})


def _read(stem: str) -> Any:
    if not enabled():
        return None
    folder = _folder()
    if folder is None:
        return None
    path = folder / (stem + _SUFFIX)
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = len(FILE_MAGIC)
    if len(data) < head + _CHECKSUM_SIZE or not data.startswith(FILE_MAGIC):
        return None
    checksum, payload = data[head:head + _CHECKSUM_SIZE], data[head + _CHECKSUM_SIZE:]
    if _checksum(payload) != checksum:
        return None
    try:
        value = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    try:  # a hit makes the file the most recently used (pruning removes the oldest)
        os.utime(path)
    except OSError:
        pass
    return value


def _write(stem: str, payload: Any) -> None:
    if not enabled():
        return
    import tempfile  # only on a miss: it loads random, shutil and the compressors

    folder = _folder()
    if folder is None:
        return
    data = marshal.dumps(payload)
    blob = FILE_MAGIC + _checksum(data) + data
    final = folder / (stem + _SUFFIX)
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=_SUFFIX)
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(blob)
            os.replace(temp, final)  # atomic: readers see the old file or the new one
        except BaseException:
            _remove(Path(temp))
            raise
    except OSError:
        return
    _account(folder, len(blob))


def _account(folder: Path, written: int) -> None:
    """Count the bytes just written; prune when the folder may have passed its bound."""
    global _known_bytes
    if _known_bytes is None or _known_bytes[0] != folder:
        total = _folder_bytes(folder)
    else:
        total = _known_bytes[1] + written
    if total > max_bytes():
        total = prune(folder, max_bytes())
    _known_bytes = (folder, total)


def _folder_bytes(folder: Path) -> int:
    total = 0
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.endswith(_SUFFIX) and not entry.name.startswith(".tmp-"):
                    try:
                        total += entry.stat().st_size
                    except OSError:
                        pass
    except OSError:
        pass
    return total


def prune(folder: Path, limit: int) -> int:
    """Remove the least recently used cache files until the folder holds at most three
    quarters of ``limit`` bytes (so the next few writes do not prune again), and temporary
    files that writers left behind; returns the bytes left."""
    import time

    files = []
    stale_before = time.time_ns() - _STALE_TEMP_NS
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if not entry.name.endswith(_SUFFIX):
                    continue
                try:
                    stat = entry.stat()
                except OSError:
                    continue
                if not entry.name.startswith(".tmp-"):
                    files.append((stat.st_mtime_ns, stat.st_size, entry.path))
                elif stat.st_mtime_ns < stale_before:
                    _remove(Path(entry.path))
    except OSError:
        return 0
    total = sum(size for _, size, _ in files)
    goal = limit * 3 // 4
    for _, size, path in sorted(files):
        if total <= goal:
            break
        if _remove(Path(path)):
            total -= size
    return total


def _remove(path: Path) -> bool:
    try:
        path.unlink()
        return True
    except OSError:
        return False
