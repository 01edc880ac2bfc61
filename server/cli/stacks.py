"""The running stacks (issue 21): each make run notes its HTTP_PORT and DATA_DIR while it runs,
so make token signs with the key of the stack that runs (server/cli/token.py)."""

import json
import os
import sys
from pathlib import Path

from server.config import PROJECT_ROOT


def stacks_dir() -> Path:
    """Where each running supervisor notes itself (one file per HTTP_PORT): the checkout's
    .stacks/, or GROUPKIT_STACKS_DIR (the tests' stacks keep theirs apart)."""
    return Path(os.environ.get("GROUPKIT_STACKS_DIR", "") or PROJECT_ROOT / ".stacks")


def note_running(http_port: int, data_dir: Path) -> Path | None:
    """Notes this process as a running stack; returns the note to remove at exit."""
    note = stacks_dir() / f"{http_port}.json"
    try:
        note.parent.mkdir(parents=True, exist_ok=True)
        note.write_text(json.dumps({"pid": os.getpid(), "http_port": http_port, "data_dir": str(data_dir)}))
    except OSError as exc:
        print(f"[supervisor] cannot note this stack in {note.parent} for make token: {exc}", file=sys.stderr)
        return None
    return note


def running_stacks() -> list[dict]:
    """The noted stacks whose supervisor still runs (notes of dead ones are ignored)."""
    found = []
    for note in sorted(stacks_dir().glob("*.json")):
        try:
            stack = json.loads(note.read_text())
            os.kill(int(stack["pid"]), 0)
        except (OSError, ValueError, KeyError, TypeError):
            continue
        found.append(stack)
    return found
