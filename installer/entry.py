"""The entry point of the built program, for both executables.

``countdesk`` (console) and ``countdesk-app`` (windowed) run the same
``countdesk.cli.main``: with no sub-command it starts the desktop app, so
``countdesk-app`` and ``countdesk-app --demo`` open the window, and every
command-line command works from ``countdesk``.
"""

import sys

from countdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
