"""Turn validated YAML values into the dataclasses of `generator.model`.

Only called on files without problems: values are trusted to have the right types and to refer
to existing reference entries. A reference kind left out of `assemble_reference` (its file has
problems) is replaced by stand-ins named after the ids that refer to them: such a catalogue serves
to check certificate files against the enterprises while a reference file is being fixed, and is
never published.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from generator.load.yamlio import LocatedFile
from generator.model import (
    Batch,
    Catalogue,
    Contact,
    Enterprise,
    Industry,
    Level,
    Method,
    Occupation,
    OccupationScope,
    ReportingUnit,
    RevocationReason,
    StatusEvent,
    Subsidiary,
    SupervisionResult,
)


def _day(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


class StandIns(dict):
    """Reference entries of a file with problems: made up from the id that is asked for."""

    def __init__(self, make: Callable[[Any], Any]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: Any) -> Any:
        value = self[key] = self.make(key)
        return value


STAND_INS: dict[str, Callable[[Any], Any]] = {
    "levels": lambda key: Level(key, str(key), ""),
    "revocation_reasons": lambda key: RevocationReason(key, ""),
    "reporting_units": lambda key: ReportingUnit(str(key), str(key), None),
    "industries": lambda key: Industry(str(key), str(key), False),
    "methods": lambda key: Method(str(key), str(key), ""),
    "occupations": lambda key: Occupation(str(key), 0, str(key), False),
    "batches": lambda key: Batch(key, str(key), dt.date.min, ""),
}


def assemble_reference(files: dict[str, LocatedFile]) -> Catalogue:
    """A catalogue holding the reference data and batches, with no enterprises yet. Kinds missing
    from `files` are filled with stand-ins."""

    def items(kind: str) -> list[dict[str, Any]]:
        return files[kind].data[kind] if kind in files else []

    levels = {i["code"]: Level(i["code"], i["name"], i["title"]) for i in items("levels")}
    units = {i["id"]: ReportingUnit(i["id"], i["name"], i["code"], i.get("note", ""))
             for i in items("reporting_units")}
    industries = {i["id"]: Industry(i["id"], i["name"], i["priority"]) for i in items("industries")}
    methods = {i["id"]: Method(i["id"], i["name"], i["description"]) for i in items("methods")}
    occupations = {i["code"]: Occupation(i["code"], i["edition"], i["name"], i["confirmed"],
                                         i.get("note", ""))
                   for i in items("occupations")}
    reasons = {i["code"]: RevocationReason(i["code"], i["text"]) for i in items("revocation_reasons")}
    batches = {i["number"]: Batch(i["number"], i["name"], _day(i["published_on"]), i["document"],
                                  i.get("note", ""))
               for i in sorted(items("batches"), key=lambda b: b["number"])}
    kinds: dict[str, dict] = {"levels": levels, "revocation_reasons": reasons, "reporting_units": units,
                              "industries": industries, "methods": methods, "occupations": occupations,
                              "batches": batches}
    for kind, make in STAND_INS.items():
        if kind not in files:
            kinds[kind] = StandIns(make)
    return Catalogue(enterprises=[], **kinds)


def _scope(item: dict[str, Any], catalogue: Catalogue) -> OccupationScope:
    reference = catalogue.occupations[item["code"]]
    edition = item.get("edition", reference.edition)
    occupation = reference if edition == reference.edition else Occupation(
        reference.code, edition, reference.name, reference.confirmed, reference.note)
    return OccupationScope(
        occupation=occupation,
        work_type=item.get("work_type", ""),
        level_from=catalogue.levels[item["levels"]["from"]],
        level_to=catalogue.levels[item["levels"]["to"]],
        methods=tuple(catalogue.methods[m] for m in item["methods"]),
    )


def assemble_enterprise(located: LocatedFile, catalogue: Catalogue) -> Enterprise:
    d = located.data
    return Enterprise(
        id=d["id"],
        name=d["name"],
        credit_code=d["credit_code"],
        evaluation_code=d["evaluation_code"],
        industry=catalogue.industries[d["industry"]],
        reporting_unit=catalogue.reporting_units[d["reporting_unit"]],
        batch=catalogue.batches[d["batch"]],
        listed_on=_day(d["listed_on"]),
        address=d["address"],
        assessment_body=d["assessment_body"],
        supervisory_body=d["supervisory_body"],
        subsidiaries=tuple(Subsidiary(s["name"], s["address"], s.get("note", ""))
                           for s in d.get("subsidiaries", [])),
        contacts=tuple(Contact(c["name"], c.get("role", ""), c["phone"], c.get("email", ""))
                       for c in d["contacts"]),
        occupations=tuple(_scope(o, catalogue) for o in d["occupations"]),
        status_history=tuple(StatusEvent(s["status"], _day(s["date"]), s["reason"], s["document"])
                             for s in d["status_history"]),
        supervision=tuple(SupervisionResult(_day(s["date"]), s["kind"], s["outcome"],
                                            s["summary"], s.get("document", ""))
                          for s in d.get("supervision", [])),
        summary=d.get("summary", ""),
        source_path=located.path,
    )
