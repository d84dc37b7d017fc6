"""The binary record and the sealed entry: round trip, field ranges, version, authentication."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from generator.lookup import crypto
from generator.lookup.format import (
    ENTRY_SIZE,
    RECORD_SIZE,
    certificate_query,
    decode_record,
    encode_record,
    query_bytes,
)
from generator.model import Certificate

CERT = Certificate("Y000022000101224000100", "𠮷田明", "220102200001011234", "6-12-02-00", 4,
                   dt.date(2022, 9, 9), "e", status="revoked", revoked_on=dt.date(2023, 1, 15),
                   revocation_reason=3, query_code="HJKLMNPQRS34")


def test_a_record_round_trips_every_published_field() -> None:
    data = encode_record(CERT)
    assert len(data) == RECORD_SIZE == 32
    record = decode_record(data, CERT.number)
    assert (record.number, record.evaluation_code, record.level) == (CERT.number, "Y000022000101", 4)
    assert (record.issued_on, record.occupation_code) == (CERT.issued_on, "6-12-02-00")
    assert (record.revoked, record.revoked_on, record.revocation_reason) == (True, dt.date(2023, 1, 15), 3)
    assert record.masked_name == "𠮷*明"


def test_a_valid_record_has_no_revocation() -> None:
    cert = dataclasses.replace(CERT, status="valid", revoked_on=None, revocation_reason=None, level=5)
    record = decode_record(encode_record(cert), "S000022000102235000003")
    assert (record.evaluation_code, record.revoked, record.revoked_on, record.revocation_reason) == (
        "S000022000102", False, None, None)


def test_a_record_of_another_layout_version_is_refused() -> None:
    data = bytearray(encode_record(CERT))
    data[0] = 1
    with pytest.raises(ValueError, match="record layout version 1"):
        decode_record(bytes(data), CERT.number)


def test_the_record_holds_neither_the_full_name_nor_the_id_number_nor_the_code() -> None:
    data = encode_record(CERT)
    assert "田".encode() not in data and b"2201022000" not in data and b"HJKL" not in data


def test_the_query_is_the_number_and_the_code_and_nothing_of_the_holder() -> None:
    q = certificate_query(CERT)
    assert q == b"JLVSC-LOOKUP\x02" + CERT.number.encode() + CERT.query_code.encode()
    assert len(crypto.query_block(q)) == 64
    with pytest.raises(ValueError, match="no verification code"):
        certificate_query(dataclasses.replace(CERT, query_code=""))
    with pytest.raises(ValueError):
        query_bytes(CERT.number, "SHORT")


def test_an_entry_opens_only_with_its_own_query_and_salt_and_detects_tampering() -> None:
    q = certificate_query(CERT)
    entry = crypto.seal(q, 1234, encode_record(CERT))
    assert len(entry) == ENTRY_SIZE == 56
    assert decode_record(crypto.open_entry(q, 1234, entry), CERT.number) == decode_record(encode_record(CERT),
                                                                                          CERT.number)
    with pytest.raises(ValueError, match="lookup tag does not match"):
        crypto.open_entry(q, 1235, entry)
    other = query_bytes(CERT.number, "HJKLMNPQRS35")
    with pytest.raises(ValueError, match="lookup tag does not match"):
        crypto.open_entry(other, 1234, entry)
    for position in range(8, ENTRY_SIZE):  # every byte after the tag is authenticated
        tampered = entry[:position] + bytes([entry[position] ^ 1]) + entry[position + 1:]
        with pytest.raises(ValueError, match="does not authenticate"):
            crypto.open_entry(q, 1234, tampered)


def test_sealing_is_deterministic_and_a_changed_record_gets_a_new_synthetic_iv() -> None:
    q = certificate_query(CERT)
    valid = dataclasses.replace(CERT, status="valid", revoked_on=None, revocation_reason=None)
    first, again = crypto.seal(q, 7, encode_record(valid)), crypto.seal(q, 7, encode_record(valid))
    changed = crypto.seal(q, 7, encode_record(CERT))
    assert first == again
    assert first[:8] == changed[:8]  # the lookup tag may stay
    assert first[8:24] != changed[8:24]  # the synthetic IV, and so the keystream, does not


def test_salts_depend_on_the_secret_and_stay_in_range() -> None:
    q = certificate_query(CERT)
    values = {crypto.salt(crypto.salt_key(bytes([i]) * 32), q, 16) for i in range(64)}
    assert len(values) > 50 and all(0 <= v < 2 ** 16 for v in values)
