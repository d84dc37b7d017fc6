"""Dated entries of an enterprise: status changes (动态调整、退出机制) and supervision results.

Intended command line:

    skills-site enterprise status <id> suspend|withdraw|reinstate --date YYYY-MM-DD \
        --reason "…" --document "吉人社函字〔2021〕27号"
    skills-site enterprise supervise <id> --date YYYY-MM-DD --kind process|random|complaint \
        --outcome pass|rectify|fail --summary "…" [--document "…"]
"""

from __future__ import annotations

import codecs
import datetime as dt
from pathlib import Path

from generator.edit.files import (
    EditError,
    default_display_root,
    display,
    existing_enterprise,
    parse_day,
    required_text,
    write_checked,
)
from generator.edit.splice import append_entry, load_document, plain
from generator.errors import Problem
from generator.inputs.files import CATALOGUE_FILE_LIMIT
from generator.load.yamlio import YamlFileError, load_text, read_text

# What each action asks for, by its verb and by the status it leads to.
ACTIONS = {"suspend": "suspended", "withdraw": "withdrawn", "reinstate": "active",
           "suspended": "suspended", "withdrawn": "withdrawn", "active": "active"}
ALLOWED = {"active": ("suspended", "withdrawn"), "suspended": ("active", "withdrawn"), "withdrawn": ()}
KINDS = ("process", "random", "complaint")
OUTCOMES = ("pass", "rectify", "fail")


def _or(words: tuple[str, ...]) -> str:
    return ", ".join(words[:-1]) + f" or {words[-1]}" if len(words) > 1 else words[0]


def _read(catalogue_dir: Path, enterprise_id: str, display_root: Path) -> tuple[Path, str, str, dict]:
    path = existing_enterprise(catalogue_dir, enterprise_id, display_root)
    where = display(path, display_root)
    try:
        text = read_text(path, where, CATALOGUE_FILE_LIMIT)
        load_text(text, where)  # refuses aliases, tags and deep nesting before ruamel reads the file
        values = plain(text)
        load_document(text)
    except YamlFileError as exc:
        raise EditError([exc.problem]) from None
    except Exception as exc:  # ruamel's own errors: the build's reader locates them better
        raise EditError([Problem(where, 0, 0, "", (
            f"the file cannot be edited: {type(exc).__name__} "
            "(expected a valid enterprise file; run skills-site check)"))]) from None
    if not isinstance(values, dict):
        raise EditError([Problem(where, 1, 1, "",
                                 "the file does not hold a mapping (expected an enterprise)")])
    return path, where, text, values


def _position(text: str, key: str, index: int, field: str) -> tuple[int, int]:
    """1-based line and column of `key[index].field` in the file."""
    item = load_document(text)[key][index]
    line, column = item.lc.value(field) if field in item else (item.lc.line, item.lc.col)
    return line + 1, column + 1


def change_status(catalogue_dir: Path, enterprise_id: str, status: str, date: str | dt.date,
                  reason: str, document: str, *, display_root: Path | None = None) -> Path:
    """Append a status change (`suspend`/`withdraw`/`reinstate`, or the status it leads to).

    Refuses a change the exit mechanism does not allow (a withdrawn enterprise stays withdrawn; an
    active one cannot be reinstated), a date not after the last entry, and any result the build's
    validation rejects. Returns the enterprise file; raises EditError with nothing written.
    """
    display_root = display_root or default_display_root(catalogue_dir)
    path, where, text, values = _read(catalogue_dir, enterprise_id, display_root)
    new = ACTIONS.get(str(status).strip())
    if new is None:
        raise EditError([Problem(where, 0, 0, "status", (
            f"unknown status change {status!r} (expected suspend, withdraw or reinstate)"))])
    day = parse_day(date, "date", where)
    reason = required_text(reason, "reason", where, "the reason for the change")
    document = required_text(document, "document", where, "the document that decided it")
    history = values.get("status_history")
    if not isinstance(history, list) or not history or not isinstance(history[-1], dict):
        raise EditError([Problem(where, 0, 0, "status_history", (
            "the file has no status history (expected at least the listing entry; run skills-site check)"))])
    last = len(history) - 1
    current, since = history[last].get("status"), history[last].get("date")
    allowed = ALLOWED.get(str(current), ())
    if new not in allowed:
        line, column = _position(text, "status_history", last, "status")
        field = f"status_history[{last}].status"
        if not allowed:
            message = (f"the enterprise was withdrawn on {since} and cannot change to {new} "
                       "(expected a new application in a later batch)")
        elif new == current:
            message = f"the enterprise is already {current} since {since} (expected {_or(allowed)})"
        else:
            message = f"cannot change from {current} to {new} (expected {_or(allowed)})"
        raise EditError([Problem(where, line, column, field, message)])
    if isinstance(since, dt.date) and day <= since:
        line, column = _position(text, "status_history", last, "date")
        raise EditError([Problem(where, line, column, f"status_history[{last}].date", (
            f"the new entry's date {day.isoformat()} is not after this entry's {since.isoformat()} "
            "(expected a later date)"))])
    entry = {"status": new, "date": day, "reason": reason, "document": document}
    return _write(catalogue_dir, path, _append(text, "status_history", entry, where), display_root,
                  enterprise_id)


def record_supervision(catalogue_dir: Path, enterprise_id: str, date: str | dt.date, kind: str,
                       outcome: str, summary: str, document: str | None = None, *,
                       display_root: Path | None = None) -> Path:
    """Append a supervision result (督导/抽查: process, random or complaint; pass, rectify or fail).

    The date may not be before the listing or the last recorded result. Returns the enterprise
    file; raises EditError with nothing written.
    """
    display_root = display_root or default_display_root(catalogue_dir)
    path, where, text, values = _read(catalogue_dir, enterprise_id, display_root)
    problems = []
    if kind not in KINDS:
        problems.append(Problem(where, 0, 0, "kind", f"unknown kind {kind!r} (expected {_or(KINDS)})"))
    if outcome not in OUTCOMES:
        problems.append(Problem(where, 0, 0, "outcome",
                                f"unknown outcome {outcome!r} (expected {_or(OUTCOMES)})"))
    if problems:
        raise EditError(problems)
    day = parse_day(date, "date", where)
    summary = required_text(summary, "summary", where, "a summary of the result")
    results = values.get("supervision") or []
    listed = values.get("listed_on")
    if isinstance(listed, dt.date) and day < listed:
        line, column = load_document(text).lc.value("listed_on")
        raise EditError([Problem(where, line + 1, column + 1, "listed_on", (
            f"the result's date {day.isoformat()} is before the listing on {listed.isoformat()} "
            "(expected on or after the listing)"))])
    if results and isinstance(results[-1], dict) and isinstance(results[-1].get("date"), dt.date) \
            and day < results[-1]["date"]:
        last = len(results) - 1
        line, column = _position(text, "supervision", last, "date")
        raise EditError([Problem(where, line, column, f"supervision[{last}].date", (
            f"the new result's date {day.isoformat()} is before this result's "
            f"{results[-1]['date'].isoformat()} (expected the same day or later)"))])
    entry: dict[str, object] = {"date": day, "kind": kind, "outcome": outcome, "summary": summary}
    if document is not None and document.strip():
        entry["document"] = required_text(document, "document", where, "the document of the result")
    return _write(catalogue_dir, path, _append(text, "supervision", entry, where), display_root,
                  enterprise_id)


def _write(catalogue_dir: Path, path: Path, text: str, display_root: Path, enterprise_id: str) -> Path:
    if path.read_bytes().startswith(codecs.BOM_UTF8):
        text = "\ufeff" + text  # keep the byte-order mark the file was saved with
    return write_checked(catalogue_dir, path, text, display_root=display_root, enterprise_id=enterprise_id)


def _append(text: str, key: str, entry: dict[str, object], where: str) -> str:
    try:
        return append_entry(text, key, entry)
    except ValueError as exc:
        raise EditError([Problem(where, 0, 0, key, f"{exc} (expected the file's own layout to be kept)")]) \
            from None
