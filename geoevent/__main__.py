"""``python -m geoevent``: the same as the ``geoevent`` command."""

from geoevent.cli import main

raise SystemExit(main())
