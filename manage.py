#!/usr/bin/env python
"""Development entry point; `steerco` is the same command once installed."""

from steerco.cli import main

if __name__ == "__main__":
    main()
