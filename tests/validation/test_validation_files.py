"""Files that cannot be read as the catalogue expects: one located message each, never a traceback."""

from __future__ import annotations

import re

from .conftest import HONGDA, CatalogueFolder

H = "catalogue/" + HONGDA


def test_malformed_yaml(catalogue: CatalogueFolder) -> None:
    catalogue.edit(HONGDA, "name: 长春宏达重型机械股份有限公司", "name: [长春宏达")
    assert catalogue.messages() == [
        f"{H}:4:7: malformed YAML: the '[' here is never closed (expected ']' before line 5, column 8)",
    ]


def test_bad_indentation(catalogue: CatalogueFolder) -> None:
    catalogue.edit(HONGDA, "    kind: process", "   kind: process")
    assert catalogue.messages() == [
        f"{H}:42:4: malformed YAML: while parsing a block collection, did not find expected '-' indicator "
        "(expected valid YAML syntax)",
    ]


def test_tab_character(catalogue: CatalogueFolder) -> None:
    catalogue.edit(HONGDA, "batch: 1", "batch: 1\n\t")
    assert catalogue.messages() == [
        f"{H}:11:1: malformed YAML: while scanning a plain scalar, found a tab character that violates "
        "indentation (expected valid YAML syntax)",
    ]


def test_empty_file(catalogue: CatalogueFolder) -> None:
    catalogue.write(HONGDA, "")
    assert catalogue.messages() == [f"{H}:1:1: the file is empty (expected a YAML mapping)"]


def test_only_comments(catalogue: CatalogueFolder) -> None:
    catalogue.write("reference/industries.yaml", "# 行业\n# 尚未填写\n")
    assert catalogue.messages() == [
        "catalogue/reference/industries.yaml:1:1: the file is empty (expected a YAML mapping)",
    ]


def test_not_utf8(catalogue: CatalogueFolder) -> None:
    """The name on line 4 saved in GBK, as an editor set to a Chinese code page would."""
    original = (catalogue.path / HONGDA).read_bytes()
    catalogue.write(HONGDA, original.replace("长春宏达重型".encode(), "长春宏达重型".encode("gbk"), 1))
    assert catalogue.messages() == [
        f"{H}:4:7: byte 0xB3 is not valid UTF-8 (expected a UTF-8 text file; save it again as UTF-8)",
    ]


def test_duplicate_key(catalogue: CatalogueFolder) -> None:
    catalogue.edit(HONGDA, "batch: 1", "batch: 1\nindustry: agrifood")
    assert catalogue.messages() == [
        f"{H}:11:1: duplicate key 'industry' (expected each key once per mapping)",
    ]


def test_file_name_differs_from_id(catalogue: CatalogueFolder) -> None:
    (catalogue.path / HONGDA).rename(catalogue.path / "enterprises/hongda.yaml")
    assert catalogue.messages() == [
        "catalogue/enterprises/hongda.yaml:3:5: id: 'changchun-hongda-machinery' differs from the file name "
        "hongda.yaml (expected the file to be named changchun-hongda-machinery.yaml)",
    ]


def test_wrong_extension(catalogue: CatalogueFolder) -> None:
    (catalogue.path / HONGDA).rename(catalogue.path / "enterprises/changchun-hongda-machinery.yml")
    assert catalogue.messages() == [
        "catalogue/enterprises/changchun-hongda-machinery.yml:0:0: unexpected file name ending '.yml' "
        "(expected <id>.yaml; other files do not belong here)",
    ]


def test_missing_reference_file(catalogue: CatalogueFolder) -> None:
    (catalogue.path / "reference/methods.yaml").unlink()
    assert catalogue.messages() == [
        "catalogue/reference/methods.yaml:0:0: the file is missing (expected the methods data here)",
    ]


def test_missing_schema(catalogue: CatalogueFolder) -> None:
    (catalogue.path / "schemas/methods.schema.json").unlink()
    assert catalogue.messages() == [
        "catalogue/schemas/methods.schema.json:0:0: the schema file is missing "
        "(expected a JSON Schema for this kind of file)",
    ]


def test_broken_schema(catalogue: CatalogueFolder) -> None:
    catalogue.write("schemas/methods.schema.json", '{\n  "type": "object",\n  "required": "methods"\n}\n')
    assert catalogue.messages() == [
        "catalogue/schemas/methods.schema.json:0:0: not a valid JSON Schema: 'methods' is not of type "
        "'array' (expected draft 2020-12)",
    ]


def test_schema_not_json(catalogue: CatalogueFolder) -> None:
    catalogue.write("schemas/methods.schema.json", '{\n  "type": "object",\n}\n')
    assert catalogue.messages() == [
        "catalogue/schemas/methods.schema.json:3:1: not valid JSON: Expecting property name enclosed in "
        "double quotes (expected a JSON Schema)",
    ]


def test_schema_line_missing(catalogue: CatalogueFolder) -> None:
    catalogue.edit(HONGDA, "# yaml-language-server: $schema=../schemas/enterprise.schema.json", "")
    assert catalogue.messages() == [
        f"{H}:1:1: the first line is not the schema line "
        "(expected '# yaml-language-server: $schema=../schemas/enterprise.schema.json', "
        "which gives editors completion and checks)",
    ]


def test_schema_line_wrong_path(catalogue: CatalogueFolder) -> None:
    catalogue.edit("batches.yaml", "# yaml-language-server: $schema=schemas/batches.schema.json",
                   "# yaml-language-server: $schema=../schemas/batches.schema.json")
    assert catalogue.messages() == [
        "catalogue/batches.yaml:1:1: the first line is not the schema line "
        "(expected '# yaml-language-server: $schema=schemas/batches.schema.json', "
        "which gives editors completion and checks)",
    ]


def _mutations(text: str) -> list[str]:
    """Each line deleted, and each `key: value` line's value replaced by null, a list and a mapping."""
    lines = text.split("\n")
    out = []
    for index, line in enumerate(lines):
        out.append("\n".join(lines[:index] + lines[index + 1:]))
        key, colon, _value = line.partition(": ")
        if colon and not line.lstrip().startswith("#"):
            for value in ("null", "[1, 2]", "{a: 1}"):
                out.append("\n".join([*lines[:index], f"{key}: {value}", *lines[index + 1:]]))
    return out


def test_no_traceback_on_any_damage(catalogue: CatalogueFolder) -> None:
    """Whatever one line of an enterprise file is turned into, the run ends in located messages."""
    original = (catalogue.path / HONGDA).read_text(encoding="utf-8")
    located = re.compile(r"^catalogue/\S+\.(yaml|json):\d+:\d+: \S")
    for text in _mutations(original):
        catalogue.write(HONGDA, text)
        messages = catalogue.messages()
        assert all(located.match(m) for m in messages), messages
