"""steerco: steering and results monitoring of donor-funded programmes."""

__version__ = "0.1.0"
