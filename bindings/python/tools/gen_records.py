"""Generate the record classes of the Python package from the wire format's JSON Schema.

    python bindings/python/tools/gen_records.py            # write the two files
    python bindings/python/tools/gen_records.py --check    # exit 1 if they are stale

Reads ``schema/o2okit.schema.json`` (the core's schema, itself checked by the test script) and
``o2okit/_extras.py`` (the few hand-written methods), and writes

- ``o2okit/records.py``: one class per wire object type reachable from a function's result,
  each a subclass of ``Record`` whose fields are read-only properties over a native getter
  (``_Field``: wire name, kind, default) with the field's doc. The conversion itself is generic (``src/record.rs``); nothing here is per domain;
- ``o2okit/records.pyi``: the same classes for type checkers, with ``Literal`` types for the
  schema's enums and tags, and the ``_extras`` methods' signatures.

A tagged union (``GroupBuyEffect``: ``{"type": "charge", ...} | {"type": "refund_full", ...}``)
becomes one class with the union of the variants' fields (a field a variant lacks reads as
``None``), as the group-buy records always were.

Times: a string field is a time when the schema says ``format: date-time``, or (for a schema
that does not mark times yet) when its name is a time's: ``at``, ``now``, ``*_at``, ``as_of``,
``deadline``, ``until``, ``valid_from``, ``valid_until``, ``locked_until``, ``next_open``.
The tests check every time field of every golden vector's output against this.
"""

from __future__ import annotations

import argparse
import ast
import copy
import json
import keyword
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent
SCHEMA = ROOT / "schema" / "o2okit.schema.json"
PACKAGE = HERE.parent / "python" / "o2okit"
EXTRAS = PACKAGE / "_extras.py"
OUT_PY = PACKAGE / "records.py"
OUT_PYI = PACKAGE / "records.pyi"

#: The result types: what o2okit's functions return and ``from_dict`` reads (the binding's
#: ``_DECODABLE``; the tests check the two lists agree). Every record class is one of these or
#: reachable from one.
ROOTS = [
    "Allocation",
    "Quote",
    "HeldCoupon",
    "CouponValidation",
    "GroupBuyCampaign",
    "GroupBuyState",
    "GroupBuyStep",
    "GroupBuyReplay",
    "GroupBuyProgress",
    "SimulationReport",
    "Ledger",
    "SplitBatch",
    "Clawback",
    "PoolSplit",
    "Attribution",
    "ShapleyAttribution",
    "BindingState",
    "Settlement",
    "Assignment",
    "CardState",
    "CardStep",
    "CardReplay",
    "PointsState",
    "PointsReplay",
    "PointsRedemption",
    "Intake",
    "ParityReport",
    "VoucherCode",
    "Verification",
    "Classification",
    "FlowDefinition",
    "VoucherOrderState",
    "VoucherOrderStep",
    "VoucherOrderReplay",
    "StoreOrderState",
    "StoreOrderStep",
    "StoreOrderReplay",
]

TIME_NAMES = {"at", "now", "as_of", "deadline", "until", "valid_from", "valid_until", "locked_until", "next_open"}
RESERVED = {"to_dict", "to_json", "from_dict", "from_json"}


def is_time_name(name: str) -> bool:
    return name in TIME_NAMES or name.endswith("_at")


@dataclass
class Shape:
    """What a schema node holds: ``kind`` for the binding, ``py`` for the stubs."""

    kind: str
    py: str
    nullable: bool = False
    container: str = ""  # "list" or "map" for defaults


@dataclass
class Field:
    name: str
    attr: str
    shape: Shape
    doc: str
    required: bool
    default: Any = None
    has_default: bool = False


@dataclass
class Record:
    name: str
    doc: str
    fields: list[Field] = field(default_factory=list)


def clean_doc(text: str) -> str:
    """Schema descriptions are Rust docs: drop intra-doc link targets, keep the words."""
    text = re.sub(r"\[(`[^`]+`)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[([^\]]+)\]\((?:crate|fn@|struct@|enum@)[^)]*\)", r"\1", text)
    text = re.sub(r"\[(`[^`]+`)\]", r"\1", text)
    return text.strip()


class Generator:
    def __init__(self, schema: dict[str, Any]):
        self.defs: dict[str, Any] = schema["$defs"]
        self.records: dict[str, Record] = {}
        self.aliases: dict[str, list[str]] = {}
        self.queue: list[str] = []

    # --- shapes -----------------------------------------------------------------------
    def ref_shape(self, name: str) -> Shape:
        if name == "Money":
            return Shape("money", "Money")
        if name == "DecimalString":
            return Shape("decimal", "Decimal")
        d = self.defs[name]
        if "oneOf" in d or "enum" in d:
            values = self.enum_values(d)
            if values is not None:
                self.aliases[name] = values
                return Shape("any", f"_{name}")
            return self.record_shape(name)
        if "properties" in d:
            return self.record_shape(name)
        if "anyOf" in d:
            subs = [x for x in d["anyOf"] if x.get("type") != "null"]
            if all("$ref" in x for x in subs):
                return Shape("any", "dict[str, Any]")
            return Shape("any", "Any")
        t = d.get("type")
        if t == "string":
            return Shape("any", "str")
        if t == "integer":
            return Shape("any", "int")
        return Shape("any", "Any")

    def record_shape(self, name: str) -> Shape:
        if name not in self.records and name not in self.queue:
            self.queue.append(name)
        return Shape(f"record:{name}", name)

    @staticmethod
    def enum_values(d: dict[str, Any]) -> list[str] | None:
        if "enum" in d and all(isinstance(v, str) for v in d["enum"]):
            return list(d["enum"])
        variants = d.get("oneOf", [])
        if variants and all(v.get("type") == "string" and "const" in v for v in variants):
            return [v["const"] for v in variants]
        return None

    def shape(self, node: dict[str, Any], name: str) -> Shape:
        if "$ref" in node:
            return self.ref_shape(node["$ref"].rsplit("/", 1)[-1])
        if "anyOf" in node:
            subs = [x for x in node["anyOf"] if x.get("type") != "null"]
            nullable = len(subs) < len(node["anyOf"])
            if len(subs) == 1:
                inner = self.shape(subs[0], name)
                return Shape(inner.kind, inner.py, nullable or inner.nullable, inner.container)
            return Shape("any", "Any", nullable)
        if "const" in node:
            return Shape("any", f"Literal[{node['const']!r}]")
        t = node.get("type")
        nullable = False
        if isinstance(t, list):
            nullable = "null" in t
            rest = [x for x in t if x != "null"]
            t = rest[0] if len(rest) == 1 else None
        if t == "array":
            inner = self.shape(node.get("items", {}), name)
            return Shape(f"list:{inner.kind}", f"list[{inner.py}]", nullable, "list")
        if t == "object":
            extra = node.get("additionalProperties")
            if isinstance(extra, dict):
                inner = self.shape(extra, name)
                return Shape(f"map:{inner.kind}", f"dict[str, {inner.py}]", nullable, "map")
            return Shape("any", "dict[str, Any]", nullable, "map")
        if t == "string":
            if node.get("format") == "date-time" or is_time_name(name):
                return Shape("time", "datetime", nullable)
            if "enum" in node:
                return Shape("any", "Literal[" + ", ".join(repr(v) for v in node["enum"]) + "]", nullable)
            return Shape("any", "str", nullable)
        if t == "integer":
            return Shape("any", "int", nullable)
        if t == "number":
            return Shape("any", "float", nullable)
        if t == "boolean":
            return Shape("any", "bool", nullable)
        return Shape("any", "Any", True)

    # --- records ----------------------------------------------------------------------
    def build(self, roots: list[str]) -> None:
        for root in roots:
            self.record_shape(root)
        while self.queue:
            name = self.queue.pop(0)
            self.records[name] = self.record(name)

    def record(self, name: str) -> Record:
        d = self.defs[name]
        variants = d["oneOf"] if "oneOf" in d else [d]
        doc = clean_doc(d.get("description", ""))
        if "oneOf" in d:
            lines = []
            for v in variants:
                tag = next((f"``{p['const']}``" for p in v.get("properties", {}).values() if "const" in p), None)
                what = clean_doc(v.get("description", "")).split("\n\n")[0].replace("\n", " ")
                if tag:
                    lines.append(f"- {tag}: {what}")
                elif what:
                    lines.append(f"- {what}")
            if lines:
                doc = (doc + "\n\nOne of (a field the variant lacks reads as None):\n\n" + "\n".join(lines)).strip()
        record = Record(name, doc)
        seen: dict[str, Field] = {}
        tags: dict[str, list[str]] = {}
        for v in variants:
            required = set(v.get("required", []))
            for pname, pnode in v.get("properties", {}).items():
                if "const" in pnode:
                    tags.setdefault(pname, []).append(pnode["const"])
                    continue
                shape = self.shape(pnode, pname)
                fdoc = clean_doc(pnode.get("description", ""))
                if pname in seen:
                    prev = seen[pname]
                    if prev.shape.kind != shape.kind:
                        raise SystemExit(f"{name}.{pname}: kinds differ between variants: {prev.shape.kind} / {shape.kind}")
                    prev.required = prev.required and pname in required and len(variants) == 1
                    prev.shape.nullable = prev.shape.nullable or shape.nullable
                    continue
                has_default = "default" in pnode
                fld = Field(
                    name=pname,
                    attr=pname + "_" if keyword.iskeyword(pname) or pname in RESERVED else pname,
                    shape=shape,
                    doc=fdoc,
                    required=pname in required,
                    default=pnode.get("default"),
                    has_default=has_default,
                )
                seen[pname] = fld
                record.fields.append(fld)
        if len(variants) > 1:
            for fld in record.fields:
                in_all = all(fld.name in v.get("properties", {}) and fld.name in v.get("required", []) for v in variants)
                fld.required = fld.required and in_all
        tag_fields = []
        for tname, values in tags.items():
            shape = Shape("any", "Literal[" + ", ".join(repr(v) for v in values) + "]")
            in_all = all(tname in v.get("properties", {}) for v in variants)
            if len(values) > 1:
                alias = f"{name}{tname.capitalize()}" if tname != "type" else f"{name}Type"
                self.aliases[alias] = values
                shape = Shape("any", f"_{alias}")
            tag_fields.append(Field(tname, tname, shape, f"The variant: {', '.join(values)}.", in_all))
        record.fields = tag_fields + record.fields
        return record


def default_of(fld: Field) -> Any:
    """The value a missing field reads as: the schema default, an empty list or map, False
    for a flag; None (no default) otherwise."""
    if fld.has_default:
        return fld.default
    if fld.shape.nullable:
        return None
    if fld.shape.container == "list":
        return []
    if fld.shape.container == "map":
        return {}
    if fld.shape.py == "bool":
        return False
    return None


def stub_type(fld: Field) -> str:
    t = fld.shape.py
    optional = fld.shape.nullable or (not fld.required and default_of(fld) is None)
    return f"{t} | None" if optional else t


def extras_classes() -> tuple[dict[str, ast.ClassDef], dict[str, tuple[str, ...]]]:
    """The ``XExtras`` mixins of ``_extras.py`` by record name, and its ``REPR`` table."""
    tree = ast.parse(EXTRAS.read_text(encoding="utf-8"))
    out = {}
    reprs: dict[str, tuple[str, ...]] = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name.endswith("Extras"):
            out[node.name[: -len("Extras")]] = node
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == "REPR":
            assert node.value is not None
            reprs = ast.literal_eval(node.value)
    return out, reprs


def doc_literal(text: str, indent: str) -> str:
    text = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    if not text:
        return ""
    lines = text.split("\n")
    if len(lines) == 1:
        return f'{indent}"""{lines[0]}"""\n'
    body = "\n".join((indent + line) if line else "" for line in lines[1:])
    return f'{indent}"""{lines[0]}\n{body}\n{indent}"""\n'


HEADER = "# Generated by bindings/python/tools/gen_records.py from schema/o2okit.schema.json: do not edit.\n"


def render_py(gen: Generator, extras: dict[str, ast.ClassDef], reprs: dict[str, tuple[str, ...]]) -> str:
    out = [
        '"""Every record class of o2okit: the typed results of its functions.\n\n'
        "Generated from the wire format's JSON Schema: one class per wire object type that a\n"
        "function's result can hold. A record is read-only; its fields convert the wire value to\n"
        "Python values when read (``Money``, ``Decimal``, aware ``datetime``, records, lists);\n"
        "``to_dict()`` gives the wire JSON; records compare by value, pickle and deep-copy.\n"
        '"""\n\n',
        HEADER,
        "\n",
        "from __future__ import annotations\n\n",
        "from . import _extras\n",
        "from ._record import Record, _bind, _field\n\n",
    ]
    for name in sorted(gen.records):
        rec = gen.records[name]
        bases = f"_extras.{name}Extras, Record" if name in extras else "Record"
        out.append(f"\nclass {name}({bases}):\n")
        out.append(doc_literal(rec.doc or f"A {name} record.", "    "))
        out.append("    __slots__ = ()\n")
        out.append(f"    _wire_name = {name!r}\n")
        out.append(f"    _fields = {tuple(f.attr for f in rec.fields)!r}\n")
        if name in reprs:
            out.append(f"    _repr_spec = {tuple(reprs[name])!r}\n")
        for fld in rec.fields:
            args = [repr(fld.name), repr(fld.shape.kind)]
            if fld.doc:
                args.append(repr(fld.doc))
            else:
                args.append("None")
            default = default_of(fld)
            if default is not None:
                args.append(repr(json.dumps(default, separators=(",", ":"), ensure_ascii=False)))
            out.append(f"    {fld.attr} = _field({', '.join(args)})\n")
        out.append("\n")
    out.append("\n_bind(globals())\n\n")
    out.append("__all__ = [\n")
    for name in sorted(gen.records):
        out.append(f"    {name!r},\n")
    out.append("]\n")
    return "".join(out)


def render_pyi(gen: Generator, extras: dict[str, ast.ClassDef]) -> str:
    out = [
        '"""Every record class of o2okit: the typed results of its functions."""\n\n',
        HEADER,
        "\n",
        "from datetime import datetime\n",
        "from decimal import Decimal\n",
        "from typing import Any, Literal, Optional\n\n",
        "from typing_extensions import TypeAlias\n\n",
        "from ._o2okit import Money\n",
        "from ._record import Record\n\n",
        "__all__ = [\n",
    ]
    for name in sorted(gen.records):
        out.append(f"    {name!r},\n")
    out.append("]\n\n")
    for alias in sorted(gen.aliases):
        values = ", ".join(repr(v) for v in gen.aliases[alias])
        out.append(f"_{alias}: TypeAlias = Literal[{values}]\n")
    for name in sorted(gen.records):
        rec = gen.records[name]
        out.append(f"\nclass {name}(Record):\n")
        out.append(doc_literal(rec.doc or f"A {name} record.", "    "))
        for fld in rec.fields:
            out.append("    @property\n")
            doc = doc_literal(fld.doc, "        ")
            if doc:
                out.append(f"    def {fld.attr}(self) -> {stub_type(fld)}:\n{doc}")
            else:
                out.append(f"    def {fld.attr}(self) -> {stub_type(fld)}: ...\n")
        extra = extras.get(name)
        if extra is not None:
            for node in extra.body:
                if isinstance(node, ast.FunctionDef):
                    stub = copy.deepcopy(node)
                    doc = ast.get_docstring(node)
                    stub.body = [ast.Expr(ast.Constant(doc if doc else Ellipsis))]
                    text = ast.unparse(stub)
                    out.append("".join("    " + line + "\n" for line in text.split("\n")))
    return "".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if the files are stale")
    args = parser.parse_args()
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    gen = Generator(schema)
    gen.build(ROOTS)
    extras, reprs = extras_classes()
    unknown = sorted((set(extras) | set(reprs)) - set(gen.records))
    if unknown:
        print(f"_extras.py has mixins or REPR entries for unknown records: {unknown}", file=sys.stderr)
        return 1
    files = {OUT_PY: render_py(gen, extras, reprs), OUT_PYI: render_pyi(gen, extras)}
    stale = [p for p, text in files.items() if not p.exists() or p.read_text(encoding="utf-8") != text]
    if args.check:
        for p in stale:
            print(f"{p.relative_to(ROOT)} is stale: run python {Path(__file__).relative_to(ROOT)}", file=sys.stderr)
        return 1 if stale else 0
    for p, text in files.items():
        p.write_text(text, encoding="utf-8")
    print(f"{len(gen.records)} records, {len(gen.aliases)} literal types")
    return 0


if __name__ == "__main__":
    sys.exit(main())
