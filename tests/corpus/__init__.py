"""The corpus: ingest of the official text, the committed files, loading and `show`/`list`."""
