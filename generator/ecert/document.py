"""The printable electronic certificate: one A4 page, readable on a screen and on paper.

It shows the certificate's fields as signed, the QR code, and the QR text in small print (for
pasting into the verify page). It is a self-contained HTML file: no scripts, no fonts or images
fetched from anywhere, and no referrer if a link on it is followed.
"""

from __future__ import annotations

import datetime as dt
import html

from generator.ecert.issue import Issued, qr_svg
from generator.ecert.keyring import CHINA
from generator.lookup.code import display_code
from generator.model import Catalogue

STYLE = """
  @page { size: A4; margin: 0; }
  * { box-sizing: border-box; }
  html { background: #eee; }
  body { margin: 0; font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif;
         color: #111; }
  .sheet { width: 210mm; height: 296mm; margin: 0 auto; padding: 18mm 20mm 14mm; background: #fff;
           display: flex; flex-direction: column; overflow: hidden; }
  .sample { border: 2px solid #000; padding: 2mm 3mm; margin: 0 0 6mm; font-weight: 700; font-size: 10.5pt; }
  header { text-align: center; border-bottom: 1.5pt solid #7a1f1f; padding-bottom: 5mm; margin-bottom: 8mm; }
  header p { margin: 0 0 2mm; font-size: 11pt; letter-spacing: 0.2em; }
  h1 { margin: 0; font-size: 24pt; letter-spacing: 0.3em; font-weight: 700; color: #7a1f1f; }
  .subtitle { margin-top: 2mm; font-size: 12pt; letter-spacing: 0.5em; }
  .body { display: flex; gap: 10mm; align-items: flex-start; }
  dl { flex: 1; margin: 0; display: grid; grid-template-columns: max-content 1fr; gap: 4mm 6mm;
       font-size: 12.5pt; }
  dt { color: #555; }
  dd { margin: 0; font-weight: 600; overflow-wrap: anywhere; }
  .mono { font-family: "DejaVu Sans Mono", "Consolas", monospace; letter-spacing: 0.03em; }
  figure { margin: 0; width: 56mm; flex: none; text-align: center; }
  figure svg { width: 56mm; height: 56mm; display: block; }
  figcaption { font-size: 8.5pt; color: #333; margin-top: 1mm; }
  .how { margin-top: auto; font-size: 9.5pt; color: #222; border-top: 0.5pt solid #999; padding-top: 4mm; }
  .how p { margin: 0 0 2mm; }
  .text { font-family: "DejaVu Sans Mono", "Consolas", monospace; font-size: 6.5pt; line-height: 1.35;
          word-break: break-all; color: #333; margin: 2mm 0 0; }
  .signed { font-size: 8.5pt; color: #555; margin-top: 3mm; }
  @media screen { .sheet { margin: 8mm auto; box-shadow: 0 1mm 4mm rgba(0, 0, 0, 0.25); } }
  @media print { html { background: #fff; } .sheet { margin: 0; } }
"""


def _chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def certificate_page(item: Issued, catalogue: Catalogue, site_url: str, sample: bool) -> str:
    claims = item.token.certificate
    level = catalogue.levels.get(claims.level)
    fields = [
        ("姓名", claims.holder_name, ""),
        ("证书编号", claims.number, "mono"),
        ("职业（工种）", f"{claims.occupation_code} {claims.occupation_name}", ""),
        ("职业技能等级", level.label if level else f"{claims.level} 级", ""),
        ("发证企业", claims.enterprise_name, ""),
        ("评价机构代码", claims.evaluation_code, "mono"),
        ("发证日期", _chinese_date(dt.date.fromisoformat(claims.issued_on)), ""),
        ("查询码", display_code(claims.code), "mono"),
    ]
    rows = "".join(f'<dt>{html.escape(term)}</dt><dd class="{cls}">{html.escape(value)}</dd>'
                   for term, value, cls in fields)
    verify_url = f"{site_url.rstrip('/')}/verify/" if site_url else "本站的证书查询页面（/verify/）"
    signed_at = dt.datetime.fromtimestamp(item.token.issued_at, CHINA)
    banner = ('<p class="sample">示例数据：本证书的姓名、证书编号和查询码均为程序合成，不对应任何真实人员；'
              "签名所用的开发密钥是公开的，本页不能作为任何证明。</p>" if sample else "")
    title = f"电子证书 {claims.number}"
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{html.escape(title)}</title><style>{STYLE}</style></head><body>"
        f'<main class="sheet">{banner}'
        "<header><p>吉林省职业技能等级认定试点</p><h1>职业技能等级证书</h1>"
        '<p class="subtitle">电子证书</p></header>'
        f'<div class="body"><dl>{rows}</dl>'
        f"<figure>{qr_svg(item.text, 56)}<figcaption>扫码核验签名</figcaption></figure></div>"
        '<section class="how">'
        f"<p>核验：打开 {html.escape(verify_url)}，在“核验电子证书”中用摄像头扫描上面的二维码，"
        "或上传本页的照片、截图，或粘贴下面的文字。页面用本站公布的公钥检查签名，联网时再查询证书是否已被撤销。</p>"
        "<p>二维码中的内容与本页所印的完全相同，不含身份证号码。</p>"
        f'<p class="text">{html.escape(item.text)}</p>'
        f'<p class="signed">签名时间 {signed_at:%Y-%m-%d %H:%M}（北京时间）· 签名密钥 '
        f'<span class="mono">{html.escape(item.key.kid)}</span> · 签发者 {html.escape(item.token.issuer)}</p>'
        "</section></main></body></html>\n"
    )
