"""Base45 (RFC 9285): bytes as text in the 45 characters of a QR code's alphanumeric mode.

Every two bytes become three characters, least significant first; a last odd byte becomes two.
Decoding is strict: a character outside the alphabet, a length of 3n+1, or a group whose value
does not fit its bytes is an error, so each text decodes to one byte string and back to itself.
"""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
_VALUE = {char: index for index, char in enumerate(ALPHABET)}


class Base45Error(ValueError):
    """The text is not base45; `position` is the 0-based index of the offending character."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(message)
        self.position = position


def encode(data: bytes) -> str:
    out = []
    for i in range(0, len(data) - 1, 2):
        value = data[i] * 256 + data[i + 1]
        value, c = divmod(value, 45)
        e, d = divmod(value, 45)
        out += (ALPHABET[c], ALPHABET[d], ALPHABET[e])
    if len(data) % 2:
        e, c = divmod(data[-1], 45)
        out += (ALPHABET[c], ALPHABET[e])
    return "".join(out)


def decode(text: str) -> bytes:
    if len(text) % 3 == 1:
        raise Base45Error(f"{len(text)} characters (a base45 text never has 3n+1)", len(text) - 1)
    values = []
    for position, char in enumerate(text):
        if char not in _VALUE:
            raise Base45Error(f"character {char!r} is not in the base45 alphabet", position)
        values.append(_VALUE[char])
    out = bytearray()
    for i in range(0, len(values), 3):
        group = values[i:i + 3]
        if len(group) == 3:
            value = group[0] + group[1] * 45 + group[2] * 2025
            if value > 0xFFFF:
                raise Base45Error(f"group {text[i:i + 3]!r} is {value}, more than two bytes hold", i)
            out += bytes((value >> 8, value & 0xFF))
        else:
            value = group[0] + group[1] * 45
            if value > 0xFF:
                raise Base45Error(f"group {text[i:i + 2]!r} is {value}, more than one byte holds", i)
            out.append(value)
    return bytes(out)
