"""claimdiff: who said what about which incident, and where the sources disagree."""

__version__ = "0.1.0"
