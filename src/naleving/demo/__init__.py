"""Gemeente Demostad: a realistic, internally consistent demo municipality, generated from a seed; or a
shared service centre (Servicecentrum MER, Baanbrekers) with its municipalities (``organisations``).

An app on the top floor: it uses the other apps' services and models and nothing imports it (an
import-linter contract in ``pyproject.toml`` holds that). ``load.demo_municipality_load`` is the entry point
(used by ``naleving demo-data``), ``users`` holds the demo teams and users (``naleving demo-users``); the
modules next to them hold the pure generators, one per step of the cirkel van naleving.

This module stays empty: Django imports it while loading the apps, before the models are ready.
"""
