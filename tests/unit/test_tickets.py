"""The discount arithmetic of a ticket (G2, R1), over any lines and any discount."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_clients.errors import PosError
from pos_clients.invoice_model import InvoicedCustomer
from pos_clients.tickets import (
    VAT_RATES_BP,
    Tender,
    Ticket,
    TicketLine,
    line_discount,
    price,
    settle,
    vat_of,
)

lines_st = st.lists(
    st.builds(
        TicketLine,
        name=st.text(min_size=1, max_size=10),
        quantity=st.integers(1, 999),
        unit_price_cents=st.integers(0, 500_000),
        vat_rate_bp=st.sampled_from(VAT_RATES_BP),
    ),
    max_size=30,
)
discount_st = st.integers(0, 10_000)


@given(lines_st, discount_st)
def test_totals_are_the_sum_of_the_printed_lines(lines: list[TicketLine], bp: int) -> None:
    priced = price(lines, bp, "VIP")
    assert priced.totals.total_cents == sum(line.total_cents for line in priced.lines)
    assert priced.totals.discount_cents == sum(line.discount_cents for line in priced.lines)
    assert priced.totals.gross_cents == sum(line.gross_cents for line in priced.lines)
    for line in priced.lines:
        assert line.total_cents == line.gross_cents - line.discount_cents
        assert line.gross_cents == line.quantity * line.unit_price_cents


@given(lines_st, discount_st)
def test_discount_favours_the_customer_by_less_than_a_cent_per_line(
    lines: list[TicketLine], bp: int
) -> None:
    for line in price(lines, bp).lines:
        exact = line.gross_cents * bp / 10_000
        assert exact <= line.discount_cents < exact + 1
        assert 0 <= line.discount_cents <= line.gross_cents


@given(lines_st, discount_st)
def test_vat_breakdown_sums_to_the_total(lines: list[TicketLine], bp: int) -> None:
    priced = price(lines, bp)
    assert sum(row.total_cents for row in priced.vat) == priced.totals.total_cents
    assert sum(row.vat_cents for row in priced.vat) == priced.totals.vat_cents
    assert priced.totals.total_excl_vat_cents + priced.totals.vat_cents == priced.total_cents
    for row in priced.vat:
        assert row.base_cents + row.vat_cents == row.total_cents
        # The VAT is the rate applied to the base, to the cent.
        assert abs(row.vat_cents - row.base_cents * row.rate_bp / 10_000) <= 1
    assert len({row.rate_bp for row in priced.vat}) == len(priced.vat)


@given(st.integers(-1_000_000, 1_000_000), discount_st)
def test_credit_note_lines_are_the_exact_opposite(gross: int, bp: int) -> None:
    assert line_discount(-gross, bp) == -line_discount(gross, bp)
    assert vat_of(-gross, 2000) == -vat_of(gross, 2000)


def test_vip_ten_percent_example() -> None:
    croissant = TicketLine("Croissant", 3, 115, 550)
    coffee = TicketLine("Café", 1, 180, 1000)
    priced = price([croissant, coffee], 1000, "VIP")
    assert [line.discount_cents for line in priced.lines] == [35, 18]  # 34.5 → 35, 18
    assert priced.total_cents == 345 - 35 + 180 - 18
    assert priced.discount_label == "Remise VIP −10 %"
    assert [row.rate_bp for row in priced.vat] == [1000, 550]


def test_no_discount_no_label() -> None:
    assert price([TicketLine("Pain", 1, 120, 550)], 0).discount_label == ""


def _customer(bp: int) -> InvoicedCustomer:
    return InvoicedCustomer(
        customer_id=1, kind="person", last_name="Durand", group="VIP", group_discount_bp=bp
    )


def test_ticket_discount_follows_the_customer() -> None:
    ticket = Ticket().add(TicketLine("Baguette", 2, 110, 550, item_id=1))
    assert ticket.priced().total_cents == 220
    with_vip = ticket.with_customer(_customer(1000))
    assert with_vip.priced().total_cents == 198
    assert with_vip.priced().discount_label == "Remise VIP −10 %"
    assert with_vip.with_customer(None).priced().total_cents == 220


def test_same_item_adds_to_its_line_and_zero_removes_it() -> None:
    ticket = Ticket().add(TicketLine("Baguette", 1, 110, 550, item_id=1))
    ticket = ticket.add(TicketLine("Baguette", 1, 110, 550, item_id=1))
    assert len(ticket.lines) == 1 and ticket.lines[0].quantity == 2
    assert ticket.set_quantity(0, 0).lines == ()
    with pytest.raises(PosError):
        ticket.set_quantity(0, 10_000)


def test_settle_cash_gives_change_and_several_payments() -> None:
    done = settle(1000, [Tender("card", 400), Tender("cash", 1000)])
    assert done.is_paid and done.change_cents == 400
    assert [(p.method, p.amount_cents) for p in done.payments] == [("card", 400), ("cash", 600)]
    partial = settle(1000, [Tender("cheque", 300)])
    assert not partial.is_paid and partial.remaining_cents == 700


@given(st.integers(1, 100_000), st.lists(st.integers(1, 50_000), min_size=1, max_size=5))
def test_settled_payments_never_exceed_the_total(total: int, amounts: list[int]) -> None:
    tenders = [Tender("cash", a) for a in amounts]
    try:
        done = settle(total, tenders)
    except PosError:
        return
    assert sum(p.amount_cents for p in done.payments) + done.remaining_cents == total
    assert sum(p.given_cents for p in done.payments) - done.change_cents == done.paid_cents


def test_card_cannot_exceed_what_is_due() -> None:
    with pytest.raises(PosError, match="dépasser"):
        settle(1000, [Tender("card", 1001)])
    with pytest.raises(PosError):
        settle(1000, [Tender("account", 1000)])
