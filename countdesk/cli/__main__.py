"""``python -m countdesk.cli``: the same as the ``countdesk`` command."""

from countdesk.cli import main

raise SystemExit(main())
