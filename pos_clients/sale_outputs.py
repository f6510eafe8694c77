"""What a sale prints and emails: registers the print queue's and the outbox's sale hooks.

Call `install()` once at start (the app and the command line do), before the first checkout.
"""

from __future__ import annotations

from pos_clients.mail.outbox import queue_sale_email
from pos_clients.print_queue import queue_sale_prints
from pos_clients.sale_hooks import on_invoice_issued


def install() -> None:
    """Register the hooks (registering twice is a no-op)."""
    on_invoice_issued(queue_sale_prints)
    on_invoice_issued(queue_sale_email)
