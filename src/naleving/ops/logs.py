"""Structured logs (issue #25): one JSON object per line with the request id, and no personal data.

The formatter is python-json-logger's; ``PersonalDataFilter`` is the last line of defence: whatever a
message or its arguments hold, nine digits in a row (a BSN, or anything that could be one) become
``[BSN]`` before the line is written. Code logs ids and counts, never names or free text; this filter
catches what slips through (an exception text, a library's message with a query string).
``RefusalFilter`` keeps a refusal (403) to its one line: the path and the status, without the traceback.
"""

import logging
import re

_NINE_DIGITS = re.compile(r"(?<!\d)\d{9}(?!\d)")


def redact(text: str) -> str:
    return _NINE_DIGITS.sub("[BSN]", text)


class PersonalDataFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message or record.args:
            record.msg, record.args = cleaned, None
        if record.exc_info and record.exc_info[1] is not None and not record.exc_text:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


class RefusalFilter(logging.Filter):
    """A refusal (403: this user may not open this page) is an outcome the permissions were made for, not a
    fault: Django logs it as a warning with the whole traceback of its ``PermissionDenied``, some thirty lines
    of JSON for every page a role may not open. The line keeps the path, the status and the request id; the
    traceback goes. Other warnings and errors keep theirs."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name == "django.request" and getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True
