"""Fuzzing the election-file importer: only a clear refusal, never a traceback.

Random bytes, random JSON, and valid election files with one part replaced by
something random go through ``read_election_file`` and, for the ones that get
that far, through a whole import into a new store. The only outcomes allowed
are an imported store that passes its audit check, or a :class:`StoreError`
with a one-line message and no store file left behind. (The nominations CSV is
fuzzed in tests/test_nominations.py and, through the store, in tests/test_setup.py.)
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from countdesk.store import Store, StoreError
from countdesk.store.importer import import_into, read_election_file
from helpers import small_election

_scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**15, 10**15),
                     st.floats(allow_nan=False), st.text(max_size=30),
                     st.sampled_from(["", " ", "2026-05-07", "countdesk-election/1", "1,234", "\u202e",
                                      "Riverside", "RIVERSIDE", "\x00", "𝟙𝟚"]))
_json = st.recursive(_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=5), st.dictionaries(st.text(max_size=12), inner, max_size=6)), max_leaves=25)
_KEYS = ["format", "authority", "title", "poll_date", "returning_officer", "double_entry", "previous_seats",
         "wards", "notes", "name", "seats", "electorate", "ballot_papers_verified", "ballot_papers_counted",
         "rejected", "candidates", "surname", "forenames", "description", "party", "votes", "lot_winner"]

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*prefix, i))
    return out


def _replace(node: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    node[path[0]] = _replace(node[path[0]], path[1:], value)
    return node


def _try(tmp: Path, raw: bytes, n: int) -> None:
    """Read, then import: a store that checks out, or one clear line and no file."""
    src = tmp / f"in-{n}.json"
    src.write_bytes(raw)
    try:
        read_election_file(src)
    except StoreError as exc:
        assert str(exc) and "\n" not in str(exc), repr(exc)
        return
    target = tmp / f"store-{n}.db"
    try:
        import_into(target, src)
    except StoreError as exc:
        assert str(exc) and "\n" not in str(exc), repr(exc)
        assert not target.exists()
        assert [p.name for p in tmp.iterdir() if p.name.startswith(".")] == []  # no half-made store
        return
    with Store.open(target) as store:
        assert store.verify_audit() == []
        assert store.has_election()
        for w in store.wards():
            store.result(w.id)


_counter = iter(range(10**9))


@SETTINGS
@given(raw=st.binary(max_size=400))
def test_random_bytes(tmp_path: Path, raw: bytes) -> None:
    _try(tmp_path, raw, next(_counter))


@SETTINGS
@given(data=_json)
def test_random_json(tmp_path: Path, data: object) -> None:
    _try(tmp_path, json.dumps(data).encode(), next(_counter))


@SETTINGS
@given(data=st.data())
def test_a_valid_file_with_one_part_replaced(tmp_path: Path, data: st.DataObject) -> None:
    election = small_election()
    election["wards"].append(copy.deepcopy(election["wards"][0]) | {"name": "Hillside"})  # type: ignore[attr-defined]
    path = data.draw(st.sampled_from(_paths(election)[1:]))
    how = data.draw(st.sampled_from(["replace", "delete", "add key"]))
    node: Any = election
    for step in path[:-1]:
        node = node[step]
    if how == "delete":
        del node[path[-1]]
    elif how == "add key" and isinstance(node, dict):
        node[data.draw(st.sampled_from(_KEYS))] = data.draw(_json)
    else:
        _replace(election, path, data.draw(_json))
    _try(tmp_path, json.dumps(election, ensure_ascii=False).encode(), next(_counter))


@SETTINGS
@given(cut=st.integers(0, 2000))
def test_a_valid_file_cut_short(tmp_path: Path, cut: int) -> None:
    raw = json.dumps(small_election()).encode()
    _try(tmp_path, raw[: cut % len(raw)], next(_counter))
