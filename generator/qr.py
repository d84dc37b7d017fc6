"""Print-ready SVG QR codes that open the verify page with a certificate number filled in.

The codes carry certificate numbers, so they are written to a folder outside the built site (the
caller passes the site's folders as `forbidden`) and are never published.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import segno

from generator.lookup.normalise import check_number, normalise_number
from generator.model import Catalogue

ERROR_LEVELS = ("m", "q")


def deep_link(number: str, base_url: str) -> str:
    """`<base_url>/verify/?n=<number>` for a well-formed certificate number."""
    number = normalise_number(number)
    problem = check_number(number)
    if problem:
        raise ValueError(f"certificate number {number!r}: {problem}")
    return f"{base_url.rstrip('/')}/verify/?n={number}"


def _check_folder(out_dir: Path, forbidden: Iterable[Path]) -> Path:
    out = out_dir.resolve()
    for folder in forbidden:
        folder = folder.resolve()
        if out == folder or folder in out.parents:
            raise ValueError(f"{out_dir}: QR codes carry certificate numbers and may not be written "
                             f"inside {folder} (choose a folder outside the site)")
    out.mkdir(parents=True, exist_ok=True)
    return out


def write_qr(number: str, base_url: str, out_dir: Path, *, error: str = "q", module_mm: float = 0.5,
             forbidden: Iterable[Path] = ()) -> Path:
    """Write `<out_dir>/<number>.svg`: the deep link at error level M or Q, 4-module quiet zone,
    sized in millimetres (`module_mm` per module) for print."""
    return write_qr_batch([number], base_url, out_dir, error=error, module_mm=module_mm,
                          forbidden=forbidden)[0]


def write_qr_batch(numbers: Iterable[str], base_url: str, out_dir: Path, *, error: str = "q",
                   module_mm: float = 0.5, forbidden: Iterable[Path] = ()) -> list[Path]:
    if error.lower() not in ERROR_LEVELS:
        raise ValueError(f"error correction {error!r} (expected M or Q)")
    links = [(normalise_number(n), deep_link(n, base_url)) for n in numbers]  # all checked before writing
    out = _check_folder(out_dir, forbidden)
    written = []
    for number, link in links:
        code = segno.make_qr(link, error=error.lower(), boost_error=False)
        target = out / f"{number}.svg"
        code.save(str(target), kind="svg", scale=module_mm, unit="mm", border=4, xmldecl=False,
                  dark="#000", light="#fff")
        written.append(target)
    return written


def batch_numbers(catalogue: Catalogue, catalogue_dir: Path, enterprise_id: str, label: str) -> list[str]:
    """Certificate numbers of one issuing batch file (`certificates/<enterprise>/<label>.yaml`)."""
    from generator.certificates import iter_certificates

    for certificate_file in catalogue.certificate_files:
        if certificate_file.enterprise_id == enterprise_id and certificate_file.label == label:
            return [c.number for c in iter_certificates(catalogue_dir, certificate_file)]
    raise KeyError(f"no certificate file {enterprise_id}/{label}.yaml in the catalogue")
