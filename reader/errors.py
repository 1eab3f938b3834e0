"""The user's mistakes, each a kind of `ReaderError`; cli.py turns them into one line and exit 2."""


class ReaderError(Exception):
    """A problem with what the user asked for, reported as one line."""


class InputError(ReaderError):
    """A path that cannot be read as an article: missing, unreadable, a device, too big, empty."""


class DecodeError(ReaderError):
    """Bytes that are not text in any supported encoding."""


class UsageError(ReaderError):
    """A bad option or option value."""


class ConfigError(ReaderError):
    """A config file that cannot be used."""
