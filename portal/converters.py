"""URL converters. ``<id:pk>`` is an object id that fits a 64-bit integer column: a longer run of
digits simply does not match (404) instead of overflowing the database driver (500)."""


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(int(value))
