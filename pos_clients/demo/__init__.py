"""Demo data for trying the app: customers, items, past sales."""
