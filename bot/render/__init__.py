"""Laying out answers: `text` for the terminal, `slack` for Block Kit. All size limits live here."""
