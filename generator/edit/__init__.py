"""Editing commands for staff: each one a round-trip edit of the catalogue's YAML that keeps
comments, key order and formatting, adds a dated entry with its reason, checks the whole catalogue
as it would be, and writes nothing when the result would be invalid.

Intended command line:

    skills-site enterprise add <id> --name <name> …         # add_enterprise_scaffold
    skills-site enterprise add --from 附件1.xlsx              # add_enterprise_from_form
    skills-site template enterprise --out <path.xlsx>        # write_enterprise_form_template
    skills-site enterprise status <id> suspend|withdraw|reinstate --date … --reason … --document …
    skills-site enterprise supervise <id> --date … --kind … --outcome … --summary … [--document …]
"""

from generator.edit.draft import Contact, EnterpriseDraft, Scope, Subsidiary
from generator.edit.files import EditError
from generator.edit.form_read import add_enterprise_from_form
from generator.edit.form_template import write_enterprise_form_template
from generator.edit.history import change_status, record_supervision
from generator.edit.scaffold import add_enterprise_scaffold, create_enterprise

__all__ = [
    "Contact",
    "EditError",
    "EnterpriseDraft",
    "Scope",
    "Subsidiary",
    "add_enterprise_from_form",
    "add_enterprise_scaffold",
    "change_status",
    "create_enterprise",
    "record_supervision",
    "write_enterprise_form_template",
]
