class RehabError(Exception):
    """A problem the user can fix; its message is shown as one `error:` line."""
