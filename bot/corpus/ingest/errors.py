"""The one failure of ingest: a source that cannot become a corpus document."""

from __future__ import annotations


class IngestError(Exception):
    """The message is a Dutch sentence saying where and why; the CLI adds the file name."""
