"""POS Clients: the customer directory and register companion of a shop's till."""

__version__ = "0.1.0"
