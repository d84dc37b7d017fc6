"""Add an enterprise: a new file written from the commented template.

Intended command line:

    skills-site enterprise add <id> --name <name> --credit-code … --evaluation-code … \
        --industry equipment --reporting-unit changchun --batch 1 --address … \
        --assessment-body … --supervisory-body … --contact 姓名,电话[,职务] \
        --occupation 6-18-02-04:5-3:assessment,process [--sample]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from generator.edit.draft import Contact, EnterpriseDraft, Scope, Subsidiary, render
from generator.edit.files import (
    ENTERPRISES,
    EditError,
    default_display_root,
    display,
    enterprise_path,
    parse_day,
    write_checked,
)
from generator.edit.splice import plain
from generator.errors import Problem
from generator.inputs.identifiers import ID, shown
from generator.load.yamlio import YamlFileError, load_fast

ID_PATTERN = ID


def reference_items(catalogue_dir: Path, relative: str, key: str, display_root: Path) -> list[dict]:
    path = Path(catalogue_dir) / relative
    try:
        data = load_fast(path, display(path, display_root))
    except YamlFileError as exc:
        raise EditError([exc.problem]) from None
    except OSError as exc:
        raise EditError([Problem(display(path, display_root), 0, 0, "", (
            f"cannot read the file: {exc.strerror} (expected a readable file)"))]) from None
    items = data.get(key) if isinstance(data, dict) else None
    return [item for item in items or [] if isinstance(item, dict)]


def occupation_names(catalogue_dir: Path, display_root: Path) -> dict[str, str]:
    return {str(o.get("code")): str(o.get("name")) for o in
            reference_items(catalogue_dir, "reference/occupations.yaml", "occupations", display_root)}


def batch_listing(catalogue_dir: Path, number: int, display_root: Path) -> dict[str, Any] | None:
    """The batch entry of batches.yaml with the given number (published_on as text), or None."""
    for item in reference_items(catalogue_dir, "batches.yaml", "batches", display_root):
        if item.get("number") == number:
            return item
    return None


def listing_reason(listing: Mapping[str, Any]) -> str:
    """The reason recorded for a listing when none is given."""
    return f"经专家实地考察和评估，纳入{listing.get('name', '')}试点企业目录"


def _as(kind: type, item: Any) -> Any:
    return kind(**item) if isinstance(item, Mapping) else item


def add_enterprise_scaffold(catalogue_dir: Path, id: str, name: str, *, credit_code: str,
                            evaluation_code: str, industry: str, reporting_unit: str, batch: int,
                            address: str, assessment_body: str, supervisory_body: str,
                            contacts: Iterable[Contact | Mapping[str, Any]],
                            occupations: Iterable[Scope | Mapping[str, Any]],
                            subsidiaries: Iterable[Subsidiary | Mapping[str, Any]] = (),
                            summary: str = "", listed_on: str | dt.date | None = None,
                            reason: str | None = None, document: str | None = None,
                            sample: bool = False, display_root: Path | None = None) -> Path:
    """Write `enterprises/<id>.yaml` from the commented template and return its path.

    `listed_on`, `reason` and `document` of the first status entry default to the batch's
    publication (batches.yaml). Raises EditError, with nothing written, when the id is taken or
    malformed or when the catalogue with the new file would not pass validation.
    """
    display_root = display_root or default_display_root(catalogue_dir)
    if not ID_PATTERN.fullmatch(str(id)):
        folder = display(Path(catalogue_dir) / ENTERPRISES, display_root)
        raise EditError([Problem(f"{folder}/{shown(id)[1:-1]}.yaml", 0, 0, "id", (
            f"{id!r} is not a valid id (expected lowercase letters, digits and single hyphens, "
            "e.g. changchun-hongda-machinery)"))])
    where = display(enterprise_path(catalogue_dir, str(id)), display_root)
    listing = batch_listing(catalogue_dir, batch, display_root)
    if listing is None:
        raise EditError([Problem(where, 0, 0, "batch", f"no batch {batch} in batches.yaml "
                                                       "(expected the number of a published batch)")])
    day = parse_day(listed_on if listed_on is not None else str(listing.get("published_on")),
                    "listed_on", where)
    draft = EnterpriseDraft(
        id=id, name=name.strip(), credit_code=credit_code.strip(), evaluation_code=evaluation_code.strip(),
        industry=industry, reporting_unit=reporting_unit, batch=batch, listed_on=day,
        address=address.strip(), assessment_body=assessment_body.strip(),
        supervisory_body=supervisory_body.strip(),
        contacts=[_as(Contact, c) for c in contacts], occupations=[_as(Scope, o) for o in occupations],
        subsidiaries=[_as(Subsidiary, s) for s in subsidiaries], summary=summary.strip(),
        reason=(reason or listing_reason(listing)).strip(),
        document=(document or str(listing.get("document", ""))).strip())
    return create_enterprise(catalogue_dir, draft, sample=sample, display_root=display_root)


def create_enterprise(catalogue_dir: Path, draft: EnterpriseDraft, *, sample: bool = False,
                      display_root: Path | None = None) -> Path:
    """Write a new enterprise file for `draft` if the id is free and the catalogue stays valid."""
    display_root = display_root or default_display_root(catalogue_dir)
    path = enterprise_path(catalogue_dir, draft.id)
    where = display(path, display_root)
    if path.exists():
        raise EditError([Problem(where, 0, 0, "id", (
            f"an enterprise with id {draft.id!r} already exists (expected a new id, or edit the file)"))])
    text = render(draft, sample=sample, occupation_names=occupation_names(catalogue_dir, display_root))
    if plain(text) != draft.values():
        raise EditError([Problem(where, 0, 0, "", "the template did not reproduce the given values "
                                                  "(expected every value written as given)")])
    return write_checked(catalogue_dir, path, text, display_root=display_root, enterprise_id=draft.id)
