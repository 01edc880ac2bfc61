"""Where uploaded files live: a small interface, and the default folder under the data directory.
A deployment can put another implementation (object storage) behind the same two calls."""

import hashlib
import re
from pathlib import Path
from typing import Protocol

_NAME = re.compile(r"^[0-9a-f]{32}\.(png|jpg|gif|bmp|webp)$")


class FileStore(Protocol):
    def put(self, data: bytes, extension: str) -> str:
        """Stores the bytes; returns the file's name."""

    def get(self, name: str) -> bytes | None:
        """The bytes of a stored file, or None."""


class LocalFileStore:
    """Files in one folder, named by their content's hash (the same image is stored once)."""

    def __init__(self, root: Path):
        self.root = root

    def put(self, data: bytes, extension: str) -> str:
        name = f"{hashlib.sha256(data).hexdigest()[:32]}.{extension}"
        self.root.mkdir(parents=True, exist_ok=True)
        path = self.root / name
        if not path.exists():
            partial = self.root / f".{name}.part"
            partial.write_bytes(data)
            partial.replace(path)
        return name

    def get(self, name: str) -> bytes | None:
        if not _NAME.match(name):
            return None
        path = self.root / name
        return path.read_bytes() if path.is_file() else None
