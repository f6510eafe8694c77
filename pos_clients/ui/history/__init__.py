"""The Historique view: invoices as issued, credit notes, closings."""

from pos_clients.ui.history.view import HistoryView

__all__ = ["HistoryView"]
