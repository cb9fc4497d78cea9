"""``python -m vtl``: the same command as ``vtl``."""

from vtl.cli import console_main

console_main()
