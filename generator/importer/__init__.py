"""Importing certificate lists that enterprises send as Excel sheets."""

from generator.importer.apply import ImportResult, import_sheet
from generator.importer.sheet import SheetError, SheetProblem
from generator.importer.template import write_certificate_template

__all__ = ["ImportResult", "SheetError", "SheetProblem", "import_sheet", "write_certificate_template"]
