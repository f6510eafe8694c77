"""The Répertoire tab: the directory list, the customer form, import and export."""
