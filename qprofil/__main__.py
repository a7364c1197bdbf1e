"""``python -m qprofil``: the same as the console script."""

from qprofil.cli import main

if __name__ == "__main__":  # worker processes import this module without running the CLI
    main()
