"""``python -m vtl``: the same command as ``vtl``."""

import sys

from vtl.cli import main

sys.exit(main())
