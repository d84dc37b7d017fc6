"""The Frictionless Data Package (`datapackage.json`) that describes every download: for each
table one resource per format, with its Table Schema (for CSV and XLSX also size and SHA-256
hash); the licence and the version of the whole package."""

from __future__ import annotations

import hashlib
import json

from generator.opendata.edition import Edition
from generator.opendata.table import MISSING_VALUES, Table

PACKAGE_NAME = "jilin-skill-certification-pilot"
LICENCE = {  # the province's choice for the catalogue's open data; change it here
    "name": "CC-BY-4.0",
    "title": "知识共享署名 4.0 国际许可协议（Creative Commons Attribution 4.0）",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
MEDIA_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


def file_name(table: Table, fmt: str, edition: Edition) -> str:
    return f"{table.name}-{edition.stamp}.{fmt}"


def table_schema(table: Table, fmt: str) -> dict[str, object]:
    """CSV and XLSX columns are named by their Chinese titles, JSON keys by the English keys."""
    fields = []
    for column in table.columns:
        named = column.key if fmt == "json" else column.title
        field: dict[str, object] = {"name": named, "type": column.type,
                                    "title": column.title if fmt == "json" else column.key}
        if column.description:
            field["description"] = column.description
        if column.required:
            field["constraints"] = {"required": True}
        fields.append(field)
    schema: dict[str, object] = {"fields": fields, "missingValues": list(MISSING_VALUES)}
    if table.primary_key:
        by_key = {c.key: c for c in table.columns}
        schema["primaryKey"] = [k if fmt == "json" else by_key[k].title for k in table.primary_key]
    return schema


def resource(table: Table, fmt: str, edition: Edition, data: bytes) -> dict[str, object]:
    entry: dict[str, object] = {
        "name": f"{table.name}-{fmt}",
        "path": file_name(table, fmt, edition),
        "title": table.title,
        "description": table.description,
        "profile": "tabular-data-resource",
        "type": "table",
        "format": fmt,
        "mediatype": MEDIA_TYPES[fmt],
        "schema": table_schema(table, fmt),
    }
    if fmt != "json":  # frictionless reads JSON with a parser that does not count bytes
        entry["bytes"] = len(data)
        entry["hash"] = "sha256:" + hashlib.sha256(data).hexdigest()
    if fmt != "xlsx":
        entry["encoding"] = "utf-8-sig" if fmt == "csv" else "utf-8"
    if fmt == "csv":
        entry["dialect"] = {"delimiter": ",", "lineTerminator": "\r\n", "header": True}
    return entry


def datapackage(resources: list[dict[str, object]], edition: Edition, site_name: str) -> bytes:
    package = {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": f"{site_name}：目录和证书统计数据",
        "description": "试点企业名录、职业和等级范围、分（子）公司、状态记录、督导结果、批次，"
                       "以及不含个人信息的证书统计"
                       "（小于 5 的数显示为“<5”，为防止推算而不公布的数显示为“×”）。",
        "version": edition.version,
        "created": edition.published.isoformat(),
        "licenses": [LICENCE],
        "sources": [{"title": "吉林省人力资源和社会保障厅 试点企业目录"}],
        "keywords": ["职业技能等级认定", "试点企业", "吉林省"],
        "resources": resources,
    }
    if edition.commit:
        package["commit"] = edition.commit
    return (json.dumps(package, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
