"""How an operation is declared: its purpose, whether it needs the returning
officer's passphrase, and (by what it commits) which wards it changed.

In the manner of Electrum's ``@command``: the operation declares what it needs
and the caller supplies it (``passphrase=``); the check is made in one place,
:meth:`countdesk.app.desk.Desk.authorise`, never through hidden state. Every
store commit reports its ward, so :meth:`Desk.collect_changes` tells a front end
exactly which wards an operation changed (Anki's ``OpChanges``).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar, cast

from countdesk.app.errors import AppError, from_figure, from_store
from countdesk.core.validation import FigureError

if TYPE_CHECKING:
    from countdesk.app.base import DeskBase

P = ParamSpec("P")
R = TypeVar("R")
D = TypeVar("D", bound="DeskBase")

PURPOSES = ("counting", "decisions", "set-up", "documents", "safety")


@dataclass(frozen=True)
class OpSpec:
    name: str
    purpose: str
    #: "always", "never", or a sentence saying when (e.g. "when turning double entry off")
    passphrase: str
    #: what the operation is, in the user's words (for the passphrase prompt)
    describe: str

    @property
    def needs_passphrase(self) -> bool:
        return self.passphrase != "never"


#: Every operation, by name.
OPERATIONS: dict[str, OpSpec] = {}


@dataclass
class Changes:
    """What operations changed: wards by id; ``election`` when something not tied to one
    ward changed (then every ward is refreshed)."""

    wards: set[int] = field(default_factory=set)
    election: bool = False

    def add(self, ward_id: int | None) -> None:
        if ward_id is None:
            self.election = True
        else:
            self.wards.add(ward_id)

    @property
    def any(self) -> bool:
        return self.election or bool(self.wards)


def operation(purpose: str, describe: str, *, passphrase: str = "never"
              ) -> Callable[[Callable[Concatenate[D, P], R]], Callable[Concatenate[D, P], R]]:
    """Declare a method of :class:`Desk` as an operation.

    An operation that may need the passphrase (``passphrase="always"`` or a sentence saying
    when) declares a keyword ``passphrase: str | None = None`` in its own signature, so that
    callers see it; with ``"always"`` the wrapper checks it (:meth:`Desk.authorise`) before the
    operation runs, which then sees ``self.authorised`` true. Store and figure refusals become
    :class:`AppError`."""
    if purpose not in PURPOSES:
        raise ValueError(purpose)

    def wrap(fn: Callable[Concatenate[D, P], R]) -> Callable[Concatenate[D, P], R]:
        spec = OpSpec(fn.__name__, purpose, passphrase, describe)
        takes = "passphrase" in inspect.signature(fn).parameters
        if takes != spec.needs_passphrase:
            raise TypeError(f"{spec.name}: an operation takes passphrase= exactly when it may need it")
        OPERATIONS[spec.name] = spec

        @functools.wraps(fn)
        def run(self: D, *args: P.args, **kwargs: P.kwargs) -> R:
            offered = kwargs.get("passphrase")
            actor = kwargs.get("by") or kwargs.get("actor") or kwargs.get("operator")
            if offered is not None and not isinstance(offered, str):
                raise TypeError("passphrase must be text")
            try:
                with self.running(spec, offered, actor if isinstance(actor, str) else None):
                    return fn(self, *args, **kwargs)
            except AppError:
                raise
            except FigureError as exc:
                raise from_figure(exc) from None
            except Exception as exc:
                if _is_store_error(exc):
                    raise from_store(exc) from None
                raise

        run.spec = spec  # type: ignore[attr-defined]
        return cast("Callable[Concatenate[D, P], R]", run)

    return wrap


def _is_store_error(exc: BaseException) -> bool:
    from countdesk.store.errors import StoreError  # noqa: PLC0415

    return isinstance(exc, StoreError)


def spec_of(fn: Any) -> OpSpec:
    return fn.spec  # type: ignore[no-any-return]
