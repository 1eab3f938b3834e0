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


class FetchError(ReaderError):
    """A web address that could not be fetched: DNS, refused, TLS, timeout, an HTTP error status."""

    def __init__(self, message: str, *, status: int | None = None, retry_after: float | None = None) -> None:
        from reader.sanitize import neutralise  # a server's reason phrase or Location is data too

        super().__init__(neutralise(message))
        self.status = status
        self.retry_after = retry_after  # seconds, from a 429 or 503's Retry-After


class AppCrashed(Exception):
    """A bug: an exception inside the app. cli.py writes its trace to a file and prints one line."""

    def __init__(self, error: BaseException) -> None:
        super().__init__(f"{type(error).__name__} inside the app")
        self.error = error
