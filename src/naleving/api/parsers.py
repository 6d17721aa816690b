"""Request parsers: DRF's JSON parser, with JSON nested deeper than Python's stack answered as a 400."""

from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    """DRF turns malformed JSON into a 400 (ParseError) but lets a RecursionError through as a 500."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError("De JSON is te diep genest.") from None
