"""The grammar ships inside the wheel: an installed (non-editable) package finds it."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_installed_package_loads_its_own_grammar(tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
         "--target", str(target), str(ROOT)],
        check=True, capture_output=True, text=True,
    )
    assert (target / "vtl" / "grammar" / "vtl.lark").is_file()
    probe = (
        "import vtl, vtl.parser as p\n"
        "from importlib import resources\n"
        "print(resources.files('vtl.grammar').joinpath('vtl.lark'))\n"
        "print(vtl.Template('#if(true)ok#end', profile='velocity').render({}))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env,
                            capture_output=True, text=True, check=True)
    grammar_path, output = result.stdout.splitlines()
    assert grammar_path.startswith(str(target))
    assert output == "ok"
