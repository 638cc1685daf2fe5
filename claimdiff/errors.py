"""One exception hierarchy. Every message names the bad input and the reason.

Codes are stable so that users can search for them and tests can assert them.
"""

from __future__ import annotations


class ClaimdiffError(Exception):
    """Base class for every error claimdiff raises on purpose."""

    code = "E000"

    def __init__(self, message: str, *, path: str | None = None) -> None:
        self.path = path
        self.reason = message
        super().__init__(f"{path}: {message}" if path else message)


class InputFileError(ClaimdiffError):
    """A single input file (or table row) could not be read; the run goes on."""

    code = "E100"


class EmptyInputError(InputFileError):
    code = "E101"


class BinaryInputError(InputFileError):
    code = "E102"


class DecodeError(InputFileError):
    code = "E103"


class ParseError(InputFileError):
    code = "E104"


class MissingColumnError(InputFileError):
    code = "E105"


class UnsupportedFormatError(InputFileError):
    code = "E106"


class NothingToProcessError(ClaimdiffError):
    """No input could be read at all: exit code 1."""

    code = "E110"


class ConfigError(ClaimdiffError):
    """A config, sources or reviews file is malformed: names the file and line."""

    code = "E200"


class ModelLoadError(ClaimdiffError):
    """A model package is missing or broken; says which package to install."""

    code = "E300"


class GoldFileError(ClaimdiffError):
    code = "E400"


class ReviewsFileError(ConfigError):
    """A reviews file is malformed (names the file and line); it is never silently replaced."""

    code = "E210"


class BaselineFileError(ConfigError):
    """A baseline file is missing, malformed or of an unknown version."""

    code = "E220"


class ReportFolderError(ConfigError):
    """A report folder has no readable claimdiff.json."""

    code = "E230"
