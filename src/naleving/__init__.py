"""Naleving: compliance and enforcement of the Participatiewet, IOAW, IOAZ and Bbz."""

__version__ = "0.1.0"
