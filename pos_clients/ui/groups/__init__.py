"""The Groupes client tab: groups with their discount and members, create, edit, delete."""
