"""Devices of the till: barcode scanners (evdev, serial, keyboard burst), behind small seams."""
