"""PyInstaller's entry script: the frozen `parallax` executable (GUI, CLI and self-test)."""

import sys

from parallax.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
