"""kamervraag: the official answer to a Dutch parliamentary question, in Slack and on the command line."""

__version__ = "0.1.0"
