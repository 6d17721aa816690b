"""Dutch presentation of theme-control results, for staff pages and signal descriptions: ``values`` (single
values as Dutch text), ``bias`` (the bias report), ``evidence`` (a hit's evidence and a run's parameters)
and ``reasons`` (a hit's reasons as sentences).

Pure functions over the JSON documents of `naleving.analytics` (no database, no ORM). Key order in the input
is not trusted (PostgreSQL jsonb reorders keys), so sections, columns, attributes and groups follow fixed
orders. Missing or malformed values never raise.
"""
