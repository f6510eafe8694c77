"""Devices: barcode scanners and receipt printers, behind small interfaces."""
