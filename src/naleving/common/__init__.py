"""The shared toolkit every app uses: Dutch formatting, form helpers, the scoped list view, template tags
and includes. It knows no domain app; the page shell (base template, home, navigation) stays in ``web``."""
