"""The register pane (Caisse): the current ticket, the customer on it, checkout."""

from pos_clients.ui.register.pane import CustomerFormFactory, RegisterPane

__all__ = ["CustomerFormFactory", "RegisterPane"]
