"""The binary record and the sealed entry: round trip, field ranges, version."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from cryptography.exceptions import InvalidTag

from generator.lookup import crypto
from generator.lookup.format import (
    ENTRY_SIZE,
    RECORD_SIZE,
    certificate_queries,
    decode_record,
    encode_record,
)
from generator.model import Certificate

CERT = Certificate("Y000022000101224000100", "𠮷田明", "220102200001011234", "6-12-02-00", 4,
                   dt.date(2022, 9, 9), "e", status="revoked", revoked_on=dt.date(2023, 1, 15),
                   revocation_reason=3)


def test_a_record_round_trips_every_published_field() -> None:
    data = encode_record(CERT)
    assert len(data) == RECORD_SIZE == 40
    record = decode_record(data)
    assert (record.number, record.evaluation_code, record.level) == (CERT.number, "Y000022000101", 4)
    assert (record.issued_on, record.occupation_code) == (CERT.issued_on, "6-12-02-00")
    assert (record.revoked, record.revoked_on, record.revocation_reason) == (True, dt.date(2023, 1, 15), 3)
    assert record.masked_name == "𠮷*明"


def test_a_valid_record_has_no_revocation_and_an_s_type_number_survives() -> None:
    cert = dataclasses.replace(CERT, number="S000022000102235000003", status="valid", revoked_on=None,
                               revocation_reason=None, level=5)
    record = decode_record(encode_record(cert))
    assert (record.number, record.revoked, record.revoked_on, record.revocation_reason) == (
        "S000022000102235000003", False, None, None)


def test_a_record_of_another_layout_version_is_refused() -> None:
    data = bytearray(encode_record(CERT))
    data[0] = 2
    with pytest.raises(ValueError, match="record layout version 2"):
        decode_record(bytes(data))


def test_the_record_holds_neither_the_full_name_nor_the_id_number() -> None:
    data = encode_record(CERT)
    assert "田".encode() not in data and b"2201022000" not in data


def test_an_entry_opens_only_with_its_own_query_and_salt() -> None:
    q_number, q_id = certificate_queries(CERT)
    block = crypto.query_block(q_number)
    entry = crypto.seal(block, 1234, encode_record(CERT))
    assert len(entry) == ENTRY_SIZE == 64
    assert decode_record(crypto.open_entry(block, 1234, entry)).number == CERT.number
    with pytest.raises(ValueError, match="lookup tag does not match"):
        crypto.open_entry(block, 1235, entry)
    tampered = entry[:20] + bytes([entry[20] ^ 1]) + entry[21:]
    with pytest.raises(InvalidTag):
        crypto.open_entry(block, 1234, tampered)
    assert crypto.query_block(q_id) != block and len(block) % 64 == 0


def test_records_sharing_a_query_get_distinct_salts() -> None:
    salts = crypto.salts(b"secret", b"query", 5, 4)
    assert len(set(salts)) == 5 and all(0 <= s < 16 for s in salts)
    assert crypto.salts(b"secret", b"query", 1, 4) == salts[:1]
