"""`python -m pos_clients` is the `pos-clients` command."""

import sys

from pos_clients.cli import main

# Guarded: worker processes started with "spawn" (verify, CSV import) import this module too.
if __name__ == "__main__":
    sys.exit(main())
