"""The Python examples of the READMEs: every ```python block that imports something (the
others are signatures and fragments), from bindings/python/README.md and the repository
README.md. test_readme.py runs them; test_typing.py checks them with mypy --strict."""

from __future__ import annotations

import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent
READMES = [HERE.parent / "README.md", ROOT / "README.md"]
BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


def examples() -> list[tuple[str, str]]:
    """(name, code) of every runnable example, named by file and line."""
    out = []
    for readme in READMES:
        if not readme.exists():
            continue
        text = readme.read_text(encoding="utf-8")
        for match in BLOCK.finditer(text):
            code = match.group(1)
            if re.search(r"^(import|from) ", code, re.M):
                line = text.count("\n", 0, match.start()) + 1
                where = "python_README" if readme.parent == HERE.parent else "README"
                out.append((f"{where}_{line}", code))
    return out


def write_examples(folder: Path) -> list[Path]:
    paths = []
    for name, code in examples():
        path = folder / f"{re.sub(r'[^A-Za-z0-9_]', '_', name)}.py"
        path.write_text(code, encoding="utf-8")
        paths.append(path)
    return paths
