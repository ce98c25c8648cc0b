"""The core's words that the desk shows as labels (a ward's stage, what a button does, the
heads of rejected ballot papers), translated for the desk's language.

The core keeps them in English (the command line and the documents use them); the
desk translates them when it shows them. Each is listed here once, in the context
``Words``, so that ``pyside6-lupdate`` puts it in the catalogue. A word the catalogue does
not have is shown in English (tests/gui/test_translations.py fails when one is missing).
"""

from __future__ import annotations

import datetime

from countdesk.core import REJECTED_LABELS, Status, Tie
from countdesk.core.progress import Stage
from countdesk.core.workflow import ACTION_WORDS, Action
from countdesk.gui.i18n import QT_TRANSLATE_NOOP, translate

WORDS = (
    # stages of a ward (core.progress.Stage, capitalised)
    QT_TRANSLATE_NOOP("Words", "Not started"),
    QT_TRANSLATE_NOOP("Words", "Verified"),
    QT_TRANSLATE_NOOP("Words", "First keying"),
    QT_TRANSLATE_NOOP("Words", "Second keying"),
    QT_TRANSLATE_NOOP("Words", "Keyings differ"),
    QT_TRANSLATE_NOOP("Words", "Check figures"),
    QT_TRANSLATE_NOOP("Words", "Lot required"),
    QT_TRANSLATE_NOOP("Words", "Warning to acknowledge"),
    QT_TRANSLATE_NOOP("Words", "Ready"),
    QT_TRANSLATE_NOOP("Words", "Declared"),
    QT_TRANSLATE_NOOP("Words", "Uncontested"),
    # what each workflow action does (core.workflow.ACTION_WORDS)
    QT_TRANSLATE_NOOP("Words", "key a count sheet (first keying)"),
    QT_TRANSLATE_NOOP("Words", "key a count sheet (second keying)"),
    QT_TRANSLATE_NOOP("Words", "accept one of two differing keyings"),
    QT_TRANSLATE_NOOP("Words", "add a count sheet"),
    QT_TRANSLATE_NOOP("Words", "show the provisional result"),
    QT_TRANSLATE_NOOP("Words", "grant a recount"),
    QT_TRANSLATE_NOOP("Words", "record a refused recount request"),
    QT_TRANSLATE_NOOP("Words", "record the drawing of lots"),
    QT_TRANSLATE_NOOP("Words", "acknowledge a warning"),
    QT_TRANSLATE_NOOP("Words", "declare the result"),
    QT_TRANSLATE_NOOP("Words", "countermand the poll"),
    QT_TRANSLATE_NOOP("Words", "report an error found after the declaration"),
    # heads of rejected ballot papers (core.model.REJECTED_LABELS)
    QT_TRANSLATE_NOOP("Words", "(a) want of an official mark"),
    QT_TRANSLATE_NOOP("Words", "(b) voting for more candidates than the voter was entitled to"),
    QT_TRANSLATE_NOOP("Words", "(c) writing or mark by which the voter could be identified"),
    QT_TRANSLATE_NOOP("Words", "(d) being unmarked or wholly void for uncertainty"),
    QT_TRANSLATE_NOOP("Words", "rejected in part (clear votes counted)"),
    # a ward result's status (core.model.Status, lower case)
    QT_TRANSLATE_NOOP("Words", "incomplete"),
    QT_TRANSLATE_NOOP("Words", "lot required"),
    QT_TRANSLATE_NOOP("Words", "ready"),
    QT_TRANSLATE_NOOP("Words", "declared"),
    QT_TRANSLATE_NOOP("Words", "uncontested"),
    QT_TRANSLATE_NOOP("Words", "countermanded"),
)

MONTHS = (
    QT_TRANSLATE_NOOP("Words", "January"), QT_TRANSLATE_NOOP("Words", "February"),
    QT_TRANSLATE_NOOP("Words", "March"), QT_TRANSLATE_NOOP("Words", "April"),
    QT_TRANSLATE_NOOP("Words", "May"), QT_TRANSLATE_NOOP("Words", "June"),
    QT_TRANSLATE_NOOP("Words", "July"), QT_TRANSLATE_NOOP("Words", "August"),
    QT_TRANSLATE_NOOP("Words", "September"), QT_TRANSLATE_NOOP("Words", "October"),
    QT_TRANSLATE_NOOP("Words", "November"), QT_TRANSLATE_NOOP("Words", "December"),
)


def word(text: str) -> str:
    """One of the core's words in the desk's language (as it is, if the catalogue lacks it)."""
    return translate("Words", text)


WEEKDAYS = (
    QT_TRANSLATE_NOOP("Words", "Monday"), QT_TRANSLATE_NOOP("Words", "Tuesday"),
    QT_TRANSLATE_NOOP("Words", "Wednesday"), QT_TRANSLATE_NOOP("Words", "Thursday"),
    QT_TRANSLATE_NOOP("Words", "Friday"), QT_TRANSLATE_NOOP("Words", "Saturday"),
    QT_TRANSLATE_NOOP("Words", "Sunday"),
)


def long_date(d: datetime.date) -> str:
    """"Thursday 5 May 2022" ("Dydd Iau 5 Mai 2022")."""
    return translate("Words", "{weekday} {day} {month} {year}").format(
        weekday=word(WEEKDAYS[d.weekday()]), day=d.day, month=month_name(d.month), year=d.year)


def month_name(month: int) -> str:
    """A month (1-12) by name."""
    return word(MONTHS[month - 1])


def status_name(status: Status) -> str:
    return word(status.value.replace("_", " "))


def stage_name(stage: Stage) -> str:
    return word(stage.value.capitalize())


def action_words(action: Action) -> str:
    return word(ACTION_WORDS[action])


def rejected_label(head: str) -> str:
    return word(REJECTED_LABELS[head])


def seats_words(seats: int) -> str:
    """"1 seat", "3 seats"."""
    return (translate("Words", "1 seat") if seats == 1
            else translate("Words", "{n} seats").format(n=seats))


def stake_words(tie: Tie) -> str:
    """What tied candidates are level for (core.result.Tie.stake, in the desk's language)."""
    if tie.kind == "term":
        return translate("Words", "{seats} with the longer term ({years} years)").format(
            seats=seats_words(tie.seats), years=tie.years)
    return seats_words(tie.seats)
