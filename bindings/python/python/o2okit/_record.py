"""The base class of every result record: repr, HTML for notebooks, ``from_dict``.

The fields themselves are ``_Field`` descriptors (``src/record.rs``) declared by the
generated classes of :mod:`o2okit.records`; this module only adds what is the same for every
record and is not hot: how it prints (``repr`` and ``_repr_html_``) and how a stored one is
read back (``from_dict`` / ``from_json``, checked by the core).
"""

from __future__ import annotations

import html
from datetime import datetime
from decimal import Decimal
from typing import Any, ClassVar, Iterable, Mapping, Optional, Sequence, TypeVar, Union

from ._o2okit import Money, _decode, _Field, _Record

R = TypeVar("R", bound="Record")

#: Rows shown in a notebook table before "... and N more".
HTML_ROWS = 50


class Record(_Record):
    """A read-only result of an o2okit function (a ``Quote``, a ``Ledger``, ...).

    Fields are attributes converted from the wire value when read: money as ``Money``,
    decimals as ``Decimal``, times as aware ``datetime``, nested results as records, lists
    as lists. ``to_dict()`` is the wire JSON (decimals and times as strings), ``to_json()``
    its text. Records compare by value, are not hashable, pickle, copy and deep-copy, and
    show as a table in a notebook.
    """

    __slots__ = ()
    __hash__ = None  # type: ignore[assignment]

    #: The wire type's name in the JSON Schema.
    _wire_name: ClassVar[str] = ""
    #: The fields, in wire order.
    _fields: ClassVar[tuple[str, ...]] = ()
    #: What ``repr`` shows (see ``_extras.REPR``); None: every set scalar field.
    _repr_spec: ClassVar[Optional[tuple[str, ...]]] = None

    @classmethod
    def from_dict(cls: type[R], d: Mapping[str, Any]) -> R:
        """Read a stored result back (its ``to_dict()``, or the wire JSON as Python values),
        checked by the core: a field of the wrong shape raises ``InputError``. Available on
        the result types (what o2okit's functions return, and states such as
        ``GroupBuyState``); the records inside them are read with their result."""
        return cls(_decode(cls._wire_name, d))

    @classmethod
    def from_json(cls: type[R], text: str) -> R:
        """``from_dict`` on wire JSON text (for example a stored ``to_json()``)."""
        return cls(_decode(cls._wire_name, text))

    def __repr__(self) -> str:
        return _repr(self)

    def _repr_html_(self) -> str:
        return render_html(self)


def _field(name: str, kind: str, doc: Optional[str] = None, default: Optional[str] = None) -> Any:
    """A record field: a read-only ``property`` whose getter (``_Field``, native) converts
    the wire value of ``name`` by ``kind`` when read; ``default`` (JSON text) is what a
    missing member reads as."""
    return property(_Field(name, kind, doc, default), doc=doc)


def field_getter(cls: type, attr: str) -> _Field:
    """The ``_Field`` behind a record class's field ``attr``."""
    for klass in cls.__mro__:
        prop = klass.__dict__.get(attr)
        if isinstance(prop, property) and isinstance(prop.fget, _Field):
            return prop.fget
    raise AttributeError(f"{cls.__name__} has no field {attr}")


def _bind(namespace: dict[str, Any]) -> None:
    """Tie every record field to the record class it holds (once, at import)."""
    for cls in list(namespace.values()):
        if isinstance(cls, type) and issubclass(cls, Record) and cls is not Record:
            for attr in cls._fields:
                getter = field_getter(cls, attr)
                if getter.record_name is not None:
                    getter.bind(namespace[getter.record_name])


# --- repr -----------------------------------------------------------------------------


def _scalar_repr(value: Any) -> Optional[str]:
    """The repr of a value shown in a record's repr, or None to leave the field out."""
    if isinstance(value, (str, int, bool, Decimal, Money)):
        return repr(value)
    if isinstance(value, Record):
        return repr(value)
    return None


def _lookup(record: Any, path: str) -> Any:
    value = record
    for part in path.split("."):
        if value is None:
            return None
        value = getattr(value, part)
    return value


def _repr(record: Record) -> str:
    """``Name(field=value, ...)``. Without a spec: every field that is set and is a string,
    number, flag, ``Money``, ``Decimal`` or record; lists as their length. With a spec
    (``_extras.REPR``): ``name`` (left out when None), ``name!`` (shown when None), ``#name``
    (a list's length), ``label=path.to.value``."""
    parts = []
    spec = type(record)._repr_spec
    if spec is None:
        for attr in type(record)._fields:
            value = getattr(record, attr)
            if isinstance(value, list):
                parts.append(f"{attr}={len(value)}")
                continue
            if value is None:
                continue
            text = _scalar_repr(value)
            if text is not None:
                parts.append(f"{attr}={text}")
    else:
        for item in spec:
            always = item.endswith("!")
            item = item.rstrip("!")
            label, _, path = item.partition("=")
            path = path or label
            label = label.lstrip("#")
            if path.startswith("#"):
                value = _lookup(record, path[1:])
                parts.append(f"{label}={len(value) if value is not None else 0}")
                continue
            value = _lookup(record, path)
            if value is None and not always:
                continue
            parts.append(f"{label}={repr(value) if value is None else _scalar_repr(value) or repr(value)}")
    return f"{type(record).__name__}({', '.join(parts)})"


# --- HTML -----------------------------------------------------------------------------

STYLE = (
    "<style>"
    "table.o2okit{border-collapse:collapse;margin:2px 0}"
    "table.o2okit th,table.o2okit td{padding:2px 8px;text-align:left;vertical-align:top}"
    "table.o2okit td.num,table.o2okit th.num{text-align:right;font-variant-numeric:tabular-nums}"
    "table.o2okit caption{text-align:left;font-weight:bold}"
    "</style>"
)


def esc(value: Any) -> str:
    return html.escape(str(value))


def money_html(m: Money) -> str:
    """An amount with its currency, e.g. ``12.30 CNY`` (never a bare number)."""
    return f"{esc(m.amount)}&nbsp;{esc(m.currency)}"


def cell(value: Any, depth: int = 1) -> tuple[str, bool]:
    """HTML for one value, and whether it is a number (right-aligned)."""
    if value is None:
        return "", False
    if isinstance(value, Money):
        return money_html(value), True
    if isinstance(value, bool):
        return ("yes" if value else "no"), False
    if isinstance(value, (int, Decimal)):
        return esc(value), True
    if isinstance(value, datetime):
        return esc(value.isoformat()), False
    if isinstance(value, Record):
        return (render_html(value, depth=depth + 1, style=False) if depth < 3 else esc(repr(value))), False
    if isinstance(value, list):
        if value and all(isinstance(v, Record) for v in value):
            return table(value, depth=depth + 1), False
        return esc(", ".join(cell(v, depth)[0] if not isinstance(v, str) else v for v in value)), False
    if isinstance(value, dict):
        return esc(", ".join(f"{k}: {v}" for k, v in value.items())), False
    return esc(value), False


def td(value: Any, depth: int = 1) -> str:
    text, number = cell(value, depth)
    return f'<td class="num">{text}</td>' if number else f"<td>{text}</td>"


def table(
    rows: Sequence[Any],
    columns: Optional[Sequence[Union[str, tuple[str, str]]]] = None,
    *,
    caption: Optional[str] = None,
    depth: int = 1,
    style: bool = False,
) -> str:
    """A table with one row per record. ``columns`` are attribute paths (or ``(header,
    path)`` pairs); by default the fields that are set and are not lists in the first rows."""
    shown = list(rows[:HTML_ROWS])
    if columns is None:
        names: list[str] = []
        for row in shown:
            for attr in type(row)._fields:
                if attr not in names and not isinstance(getattr(row, attr), list) and getattr(row, attr) is not None:
                    names.append(attr)
        columns = names
    cols = [(c, c) if isinstance(c, str) else c for c in columns]
    out = [STYLE if style else "", '<table class="o2okit">']
    if caption:
        out.append(f"<caption>{esc(caption)}</caption>")
    out.append("<tr>" + "".join(f"<th>{esc(h)}</th>" for h, _ in cols) + "</tr>")
    for row in shown:
        out.append("<tr>" + "".join(td(_lookup(row, path), depth) for _, path in cols) + "</tr>")
    if len(rows) > len(shown):
        out.append(f'<tr><td colspan="{len(cols)}">… and {len(rows) - len(shown)} more</td></tr>')
    out.append("</table>")
    return "".join(out)


def fields_table(
    record: Any, names: Optional[Iterable[str]] = None, *, caption: Optional[str] = None, depth: int = 1, style: bool = True
) -> str:
    """A two-column table: field, value (fields that are None are left out)."""
    out = [STYLE if style else "", '<table class="o2okit">']
    if caption:
        out.append(f"<caption>{esc(caption)}</caption>")
    for attr in names if names is not None else type(record)._fields:
        value = _lookup(record, attr)
        if value is None or value == [] or value == {}:
            continue
        out.append(f"<tr><th>{esc(attr)}</th>{td(value, depth)}</tr>")
    out.append("</table>")
    return "".join(out)


def render_html(record: Any, *, depth: int = 1, style: bool = True) -> str:
    """The generic notebook view of a record: its fields, lists of records as tables."""
    return fields_table(record, caption=type(record).__name__, depth=depth, style=style)
