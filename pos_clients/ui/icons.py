"""Small icons painted in code (no image files to ship): red trash, person, company, plus."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

TRASH_RED = QColor("#c62828")
MARK_GREY = QColor("#546e7a")


def _canvas(size: int) -> tuple[QPixmap, QPainter]:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size / 16, size / 16)
    return pixmap, painter


def _icon(draw: Callable[[QPainter], None]) -> QIcon:
    icon = QIcon()
    for size in (16, 24, 32, 48):
        pixmap, painter = _canvas(size)
        draw(painter)
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def _draw_trash(p: QPainter) -> None:
    pen = QPen(TRASH_RED, 1.3)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    p.drawLine(QPointF(2.5, 3.8), QPointF(13.5, 3.8))  # lid
    p.drawLine(QPointF(6.2, 3.8), QPointF(6.6, 2.0))
    p.drawLine(QPointF(6.6, 2.0), QPointF(9.4, 2.0))
    p.drawLine(QPointF(9.4, 2.0), QPointF(9.8, 3.8))
    body = QPainterPath()
    body.moveTo(3.8, 5.2)
    body.lineTo(4.8, 14.2)
    body.lineTo(11.2, 14.2)
    body.lineTo(12.2, 5.2)
    body.closeSubpath()
    p.setBrush(QBrush(TRASH_RED.lighter(175)))
    p.drawPath(body)
    for x in (6.4, 8.0, 9.6):
        p.drawLine(QPointF(x, 7.0), QPointF(x, 12.4))


def _draw_person(p: QPainter) -> None:
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(MARK_GREY))
    p.drawEllipse(QRectF(5.0, 1.5, 6.0, 6.0))
    shoulders = QPainterPath()
    shoulders.moveTo(2.0, 15.0)
    shoulders.cubicTo(2.0, 9.0, 14.0, 9.0, 14.0, 15.0)
    shoulders.closeSubpath()
    p.drawPath(shoulders)


def _draw_company(p: QPainter) -> None:
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(MARK_GREY))
    p.drawRect(QRectF(2.5, 3.0, 7.0, 12.0))
    p.drawRect(QRectF(9.5, 7.0, 4.5, 8.0))
    p.setBrush(QBrush(QColor("white")))
    for y in (4.8, 7.6, 10.4):
        for x in (3.8, 6.6):
            p.drawRect(QRectF(x, y, 1.7, 1.7))
    p.drawRect(QRectF(10.9, 9.0, 1.7, 1.7))


def _draw_plus(p: QPainter) -> None:
    pen = QPen(QColor("#2e7d32"), 2.2)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    p.drawLine(QPointF(8.0, 2.5), QPointF(8.0, 13.5))
    p.drawLine(QPointF(2.5, 8.0), QPointF(13.5, 8.0))


@cache
def trash() -> QIcon:
    """The small red trash icon of the Supprimer action."""
    return _icon(_draw_trash)


@cache
def person() -> QIcon:
    return _icon(_draw_person)


@cache
def company() -> QIcon:
    return _icon(_draw_company)


@cache
def plus() -> QIcon:
    return _icon(_draw_plus)
