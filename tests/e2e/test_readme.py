"""The README's "Try it" (issue 21), pasted as a new user would: every sh block of the section in
one bash, in order, then the python block with the venv's Python, against a real stack on free
ports. Every call must answer below 400 and every answer the README shows must match."""

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.support.processes import ROOT, Stack


def section_blocks(title: str) -> list[tuple[str, str]]:
    text = (ROOT / "README.md").read_text()
    section = text[text.index(f"\n## {title}\n"):]
    section = section[: section.index("\n## ", 1)]
    return re.findall(r"```(\w+)\n(.*?)```", section, re.S)


def try_it_blocks() -> list[tuple[str, str]]:
    return section_blocks("Try it")


def shown_fragments(blocks) -> list[str]:
    """The pieces of every answer the README shows (a whole-line `# {...}` comment): the text
    between its elisions (…) and the numbers that differ per run (ids, 群号)."""
    fragments = []
    for lang, code in blocks:
        for line in code.splitlines():
            shown = re.match(r"# (?:\d{3} )?(\{.*\})$", line.strip())
            if lang == "sh" and shown:
                for piece in re.split(r"…|\d{5,}", shown.group(1)):
                    piece = piece.strip(",")
                    if len(piece) >= 4:
                        fragments.append(piece)
    return fragments


def test_the_readme_try_it_runs_as_shown():
    blocks = try_it_blocks()
    languages = [lang for lang, _ in blocks]
    assert languages.count("sh") >= 5 and languages.count("python") == 1
    data_dir = Path(tempfile.mkdtemp(prefix="groupkit-readme-"))
    stack = Stack(data_dir, None).start()
    ports = {"localhost:8080": f"localhost:{stack.http_port}", "127.0.0.1:8080": f"127.0.0.1:{stack.http_port}",
             "127.0.0.1:50051": f"127.0.0.1:{stack.grpc_port}"}
    for default, port in ports.items():
        blocks = [(lang, code.replace(default, port)) for lang, code in blocks]
    try:
        script = ["set -euo pipefail", 'curl() { command curl --fail-with-body --show-error "$@"; }']
        for lang, code in blocks:
            script.append(code if lang == "sh" else f".venv/bin/python - <<'PYTHON'\n{code}PYTHON")
        # The client developers' snippets, in the same shell (TOKEN exported): the Python client's,
        # and the TypeScript one where make node installed Connect.
        clients = dict(section_blocks("For client developers and operators"))
        python_client = clients["python"].replace("127.0.0.1:50051", f"127.0.0.1:{stack.grpc_port}")
        script.append(f".venv/bin/python - <<'PYTHON'\n{python_client}print('python client', reply.data.name)\nPYTHON")
        if (ROOT / "node_modules" / "@connectrpc" / "connect-node").exists():
            snippet = ROOT / "build" / "readme-client.mjs"  # beside node_modules, as in the checkout's root
            snippet.parent.mkdir(exist_ok=True)
            snippet.write_text(clients["js"].replace("./gen/ts/", f"{ROOT.as_uri()}/gen/ts/")
                               .replace("127.0.0.1:8080", f"127.0.0.1:{stack.http_port}")
                               + "console.log('typescript client', info.data.name);\n")
            script.append(f'"{Path(sys.executable).parent}/node" {snippet}')
        env = {**os.environ, "GROUPKIT_STACKS_DIR": stack.env()["GROUPKIT_STACKS_DIR"]}
        env.pop("DATA_DIR", None)  # as a new user: make token finds the running stack's key
        result = subprocess.run(["bash", "-c", "\n".join(script)], cwd=ROOT, env=env, capture_output=True,
                                text=True, timeout=120)
    finally:
        stack.stop()
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    for fragment in shown_fragments(blocks):
        assert fragment in result.stdout, fragment
    assert '"message":"加入成功"' in result.stdout
    assert "im群 2\n" in result.stdout and "python client im群\n" in result.stdout
    if (ROOT / "node_modules" / "@connectrpc" / "connect-node").exists():
        assert "typescript client im群\n" in result.stdout
    assert "Traceback" not in stack.log()
