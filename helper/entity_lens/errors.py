"""The one exception every step raises for a failure a person can act on.

It carries a stable `code` and a message; what each code means over HTTP (status and JSON body)
is app.py's business, in one table. Nothing here knows of Flask, so pure steps stay light.
"""


class ApiError(Exception):
    """A failure with a stable `code` and a message a person can act on. `details` are extra
    fields of the error's JSON body, after code and message."""

    def __init__(self, code, message, **details):
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details
