"""``python -m countdesk.cli``: the same as the ``countdesk`` command."""

from countdesk.cli import main

if __name__ == "__main__":  # importing this module (as tools that walk packages do) runs nothing
    raise SystemExit(main())
