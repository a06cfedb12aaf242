import sys

from cases_mock.cli import main

sys.exit(main())
