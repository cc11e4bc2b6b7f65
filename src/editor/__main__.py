"""`python -m editor`: the same as the `portal-editor` command."""

import sys

from editor.cli import main

if __name__ == "__main__":  # worker processes import this module again: they must not run it
    sys.exit(main())
