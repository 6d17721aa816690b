"""Simple pictograms for the information sheet, the reminder letter and the intake page.

Inline SVG (no files, no network), drawn with a few strokes in one colour so they print well in black and
white and stay recognisable at 1 cm. Decorative: the text next to each pictogram says the same.
"""

from django.utils.safestring import SafeString, mark_safe

_SHAPES = {
    # a briefcase
    "work": '<rect x="6" y="14" width="36" height="24" rx="3"/><path d="M17 14v-4h14v4M6 24h36"/>',
    # two people under one roof
    "together": '<path d="M4 22 24 6l20 16"/><circle cx="17" cy="24" r="4"/><circle cx="31" cy="24" r="4"/>'
    '<path d="M10 40c0-5 3-8 7-8s7 3 7 8M24 40c0-5 3-8 7-8s7 3 7 8"/>',
    # a house and an arrow out
    "move": '<path d="M4 24 18 12l14 12M8 21v17h20V21"/><path d="M30 32h14M39 27l5 5-5 5"/>',
    # coins
    "money": '<ellipse cx="24" cy="12" rx="14" ry="5"/><path d="M10 12v8c0 3 6 5 14 5s14-2 14-5v-8"/>'
    '<path d="M10 20v8c0 3 6 5 14 5s14-2 14-5v-8M10 28v8c0 3 6 5 14 5s14-2 14-5v-8"/>',
    # an aeroplane
    "abroad": '<path d="M24 4c2 0 3 2 3 4v10l15 9v4l-15-5v9l5 4v3l-8-2-8 2v-3l5-4v-9L6 31v-4l15-9V8c0-2 1-4 3-4z"/>',
    # a barred window
    "prison": '<rect x="8" y="6" width="32" height="36" rx="2"/><path d="M16 6v36M24 6v36M32 6v36"/>',
    # an open book
    "study": '<path d="M24 12c-5-4-12-4-18-2v28c6-2 13-2 18 2 5-4 12-4 18-2V10c-6-2-13-2-18 2zM24 12v28"/>',
    # a calendar page with a 7
    "week": '<rect x="6" y="9" width="36" height="32" rx="3"/><path d="M6 18h36M15 5v8M33 5v8"/>'
    '<path d="M19 25h10l-6 12"/>',
    # a clock
    "before": '<circle cx="24" cy="24" r="18"/><path d="M24 13v11l8 5"/>',
    # a form with a pen
    "form": '<path d="M10 4h20l8 8v32H10z"/><path d="M16 18h16M16 25h16M16 32h9M30 4v8h8"/>',
    # a telephone handset
    "phone": '<path d="M14 6l6 8-4 4c2 5 6 9 11 11l4-4 8 6-4 7C20 38 10 28 7 13z"/>',
    # a counter with a person behind it
    "desk": '<circle cx="24" cy="12" r="6"/><path d="M13 30c0-7 5-11 11-11s11 4 11 11"/>'
    '<path d="M4 30h40v12H4z"/>',
    # a euro sign with an arrow back
    "repay": '<path d="M30 14a10 10 0 1 0 0 16M12 19h14M12 25h14"/><path d="M36 40H14M19 35l-5 5 5 5"/>',
    # a warning triangle
    "fine": '<path d="M24 5 44 41H4z"/><path d="M24 18v12M24 35v1"/>',
    # a speech bubble with a question mark
    "ask": '<path d="M6 8h36v24H20l-8 8v-8H6z"/><path d="M20 15c0-3 2-4 4-4s4 1 4 4c0 3-4 3-4 7M24 26v1"/>',
}


def pictogram(key: str, size: str = "1.2cm") -> SafeString:
    """One pictogram as inline SVG, hidden from screen readers (the text beside it carries the meaning)."""
    shape = _SHAPES.get(key, _SHAPES["ask"])
    return mark_safe(
        f'<svg class="pictogram" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48" width="{size}" '
        f'height="{size}" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" '
        f'stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round">{shape}</svg>'
    )


def with_pictograms(groups: list[dict], size: str = "1.2cm") -> list[dict]:
    """``checklist.grouped_items`` with each item's SVG added under ``svg``."""
    return [
        {**group, "items": [{**item, "svg": pictogram(item["pictogram"], size)} for item in group["items"]]}
        for group in groups
    ]
