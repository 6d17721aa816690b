"""The resident file: one floor above the case apps, it composes what happened to a resident from each app's
selectors, so that ``residents`` itself needs none of them."""
