"""Pages of the Réglages tab."""
