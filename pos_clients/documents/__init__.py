"""Receipts, preparation tickets and invoices built once from an IssuedInvoice, then rendered."""
