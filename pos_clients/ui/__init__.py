"""The Qt user interface: main window, directory, groups, register and settings."""
