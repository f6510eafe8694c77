"""The data layer: tables, the database and its migrations, units of work, search queries."""
