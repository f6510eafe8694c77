"""The invoice by email (D4, M1, M3): SMTP settings, the outbox, and the worker that sends it."""
