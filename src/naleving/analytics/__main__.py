"""The command line without Django: `python -m naleving.analytics run CONTROL --data DIR ...`."""

import sys

from naleving.analytics.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], sys.stdout))
