"""What an enterprise prints on its certificates: the verification code and a QR code that opens a
finished lookup, plus a sheet to print them from.

The QR code holds `<site>/verify/#n=<number>&c=<code>`. The part after `#` is a URL fragment: a
browser never sends it to a server, so it appears in no server log and no Referer, and the verify
page removes it from the address bar before it looks the certificate up.

A print kit for certificates is a folder with, per certificate, `<number>.svg` (the QR code), and
for the batch `codes.csv` (UTF-8 with BOM, for Excel) and `sheet.html` (printable on A4). It holds
holders' names and codes, so it is written only outside the built site (the caller passes the
site's folders as `forbidden`) and is never published.
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Iterable, Sequence
from pathlib import Path

import segno

from generator.inputs.paths import enclosing
from generator.lookup.code import check_code, display_code, normalise_code
from generator.lookup.normalise import check_number, normalise_number
from generator.model import Catalogue, Certificate

ERROR_LEVELS = ("m", "q")


def verify_link(number: str, code: str, base_url: str) -> str:
    """`<base_url>/verify/#n=<number>&c=<code>` for a well-formed number and code."""
    number, code = normalise_number(number), normalise_code(code)
    problem = check_number(number) or check_code(code)
    if problem:
        raise ValueError(f"certificate {number!r}: {problem}")
    return f"{base_url.rstrip('/')}/verify/#n={number}&c={code}"


def _check_folder(out_dir: Path, forbidden: Iterable[Path]) -> Path:
    folder = enclosing(out_dir, forbidden)
    if folder is not None:
        raise ValueError(f"{out_dir}: the print kit holds verification codes and may not be written "
                         f"inside {folder} (choose a folder outside the site)")
    out = out_dir.resolve()
    out.mkdir(parents=True, exist_ok=True)
    return out


def qr_svg(link: str, *, error: str = "q", module_mm: float = 0.5) -> str:
    """The QR code of a link as SVG: error level M or Q, 4-module quiet zone, sized in millimetres."""
    if error.lower() not in ERROR_LEVELS:
        raise ValueError(f"error correction {error!r} (expected M or Q)")
    buffer = io.BytesIO()
    segno.make_qr(link, error=error.lower(), boost_error=False).save(
        buffer, kind="svg", scale=module_mm, unit="mm", border=4, xmldecl=False, dark="#000", light="#fff")
    return buffer.getvalue().decode("utf-8")


def write_print_kit(certificates: Sequence[Certificate], base_url: str, out_dir: Path, *,
                    catalogue: Catalogue | None = None, error: str = "q", forbidden: Iterable[Path] = (),
                    sample: bool = False) -> list[Path]:
    """Write the QR codes, `codes.csv` and `sheet.html` for the certificates; every link is checked
    before anything is written."""
    links = [verify_link(c.number, c.query_code, base_url) for c in certificates]
    svgs = [qr_svg(link, error=error) for link in links]
    out = _check_folder(out_dir, forbidden)
    written = []
    for cert, svg in zip(certificates, svgs, strict=True):
        target = out / f"{cert.number}.svg"
        target.write_text(svg, encoding="utf-8")
        written.append(target)
    table = io.StringIO()
    writer = csv.writer(table, lineterminator="\r\n")
    writer.writerow(["证书编号", "姓名", "查询码", "二维码文件"])
    for cert in certificates:
        writer.writerow([cert.number, cert.holder_name, display_code(cert.query_code), f"{cert.number}.svg"])
    (out / "codes.csv").write_text("\ufeff" + table.getvalue(), encoding="utf-8", newline="")
    (out / "sheet.html").write_text(_sheet(certificates, svgs, catalogue, sample), encoding="utf-8")
    return [*written, out / "codes.csv", out / "sheet.html"]


_SHEET_STYLE = """
  @page { size: A4; margin: 12mm; }
  body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; color: #000; }
  h1 { font-size: 16pt; margin: 0 0 4mm; }
  .note { font-size: 9pt; margin: 0 0 6mm; }
  .sample { border: 2px solid #000; padding: 2mm; font-weight: 700; }
  .cards { display: grid; grid-template-columns: 1fr 1fr; gap: 4mm; }
  .card { border: 1px solid #000; padding: 3mm; display: flex; gap: 3mm; break-inside: avoid; }
  .card svg { width: 30mm; height: 30mm; flex: none; }
  .card dl { margin: 0; font-size: 10pt; display: grid; grid-template-columns: max-content 1fr;
             gap: 1mm 2mm; }
  .card dt { font-weight: 700; }
  .card dd { margin: 0; white-space: nowrap; }
  .code { font-family: "DejaVu Sans Mono", monospace; font-size: 12pt; letter-spacing: 0.05em; }
"""


def _sheet(certificates: Sequence[Certificate], svgs: Sequence[str], catalogue: Catalogue | None,
           sample: bool) -> str:
    occupations = catalogue.occupations if catalogue else {}
    levels = catalogue.levels if catalogue else {}
    cards = []
    for cert, svg in zip(certificates, svgs, strict=True):
        occupation = occupations.get(cert.occupation_code)
        level = levels.get(cert.level)
        job = f"{cert.occupation_code} {occupation.name}" if occupation else cert.occupation_code
        fields = [("姓名", cert.holder_name), ("证书编号", cert.number), ("职业", job),
                  ("等级", level.label if level else str(cert.level)),
                  ("发证日期", cert.issued_on.isoformat())]
        rows = "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(v)}</dd>" for k, v in fields)
        rows += f'<dt>查询码</dt><dd class="code">{html.escape(display_code(cert.query_code))}</dd>'
        cards.append(f'<div class="card">{svg}<dl>{rows}</dl></div>')
    banner = ('<p class="sample">示例数据：本页姓名、证书编号和查询码均为程序合成，不对应任何真实人员。</p>'
              if sample else "")
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="referrer" content="no-referrer"><title>证书查询码和二维码</title>'
        f"<style>{_SHEET_STYLE}</style></head><body>{banner}<h1>证书查询码和二维码</h1>"
        '<p class="note">请将每本证书的查询码和二维码印在证书上（证书编号旁）。查询码是持证人核验证书的凭据，'
        "请妥善保管本表，用后销毁，不要上传到网站或发送给无关人员。</p>"
        f'<div class="cards">{"".join(cards)}</div></body></html>\n'
    )


def batch_certificates(catalogue: Catalogue, catalogue_dir: Path, enterprise_id: str,
                       label: str) -> tuple[list[Certificate], bool]:
    """The certificates of one issuing batch file, and whether the file is sample data."""
    from generator.certificates import iter_certificates

    for certificate_file in catalogue.certificate_files:
        if certificate_file.enterprise_id == enterprise_id and certificate_file.label == label:
            return list(iter_certificates(catalogue_dir, certificate_file)), certificate_file.sample
    raise KeyError(f"no certificate file {enterprise_id}/{label}.yaml in the catalogue")


def find_certificate(catalogue: Catalogue, catalogue_dir: Path, number: str) -> tuple[Certificate, bool]:
    """One certificate of the catalogue by number (reading only its enterprise's files)."""
    from generator.certificates import iter_certificates

    number = normalise_number(number)
    problem = check_number(number)
    if problem:
        raise ValueError(f"certificate number {number!r}: {problem}")
    prefix = number[:13]
    owners = {e.id for e in catalogue.enterprises if e.evaluation_code == prefix}
    for certificate_file in catalogue.certificate_files:
        if certificate_file.enterprise_id in owners:
            for cert in iter_certificates(catalogue_dir, certificate_file):
                if cert.number == number:
                    return cert, certificate_file.sample
    raise KeyError(f"certificate {number} is not in the catalogue")
