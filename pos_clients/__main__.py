"""`python -m pos_clients` is the `pos-clients` command."""

import sys

from pos_clients.cli import main

sys.exit(main())
