"""Content-addressed storage of raw source bytes under the data dir.

A blob's name is the SHA-256 of its bytes, so the same page stored twice is one
file, and a changed byte is visible as a changed name.
"""

import hashlib
import os
import tempfile
from pathlib import Path

from django.conf import settings


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def blob_path(sha256: str) -> Path:
    return Path(settings.BLOB_DIR) / sha256[:2] / sha256[2:4] / sha256


def blob_put(data: bytes) -> str:
    """Store bytes durably (write, fsync, rename) and return their SHA-256."""
    digest = sha256_hex(data)
    path = blob_path(digest)
    if path.exists():
        return digest
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
    return digest


def blob_read(sha256: str) -> bytes:
    """Read a blob back, refusing one whose bytes no longer match its name."""
    data = blob_path(sha256).read_bytes()
    if sha256_hex(data) != sha256:
        raise OSError(f"blob {sha256} is corrupt: its content no longer matches its hash")
    return data
