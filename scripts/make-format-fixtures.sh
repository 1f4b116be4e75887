#!/usr/bin/env bash
# Builds the archive, e-mail, Outlook and Office test fixtures in tests/fixtures/formats/
# with the real tools that make such files: zip, 7z, tar, Python's email and mailbox
# packages, python-docx, openpyxl, LibreOffice headless and gsf (OLE compound files).
# The PDFs inside come from corpus/. Run from anywhere; the output is committed. Debian's
# python3 (/usr/bin) is used: the python3-docx and python3-openpyxl packages are installed there.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/tests/fixtures/formats"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
export SOURCE_DATE_EPOCH=1615900000 TZ=UTC

letter="$root/corpus/cpd-foia-response-letter-2021.pdf"
order="$root/corpus/cpd-special-order-s06-14-03.pdf"
moa="$root/corpus/customs-officer-designation-moa-2019.pdf"

# --- Archives -------------------------------------------------------------------------
mkdir -p "$work/response/records" "$work/inner"
cp "$letter" "$work/response/records/01-letter.pdf"
cp "$order" "$work/response/records/02-order.pdf"
printf 'Index of records released under the Illinois FOIA.\nItem 3: log of detainer requests received.\n' \
  > "$work/response/index.txt"
printf 'Memorandum on Task Force staffing.\nNo personnel are assigned to the immigration task force.\n' \
  > "$work/inner/memo.txt"
# Fixed file times, so that the archives come out the same on every run.
touch -d @"$SOURCE_DATE_EPOCH" "$work/inner/memo.txt"
(cd "$work/inner" && zip -q -X "$work/response/records/03-nested.zip" memo.txt)
find "$work/response" -exec touch -d @"$SOURCE_DATE_EPOCH" {} +
# Stored (no compression), a PDF first: what poppler once read as one PDF.
rm -f "$out/response-stored.zip" "$out/response.7z" "$out/response.tar.gz"
(cd "$work/response" && zip -q -X -0 "$out/response-stored.zip" records/01-letter.pdf records/02-order.pdf \
  index.txt records/03-nested.zip)
(cd "$work/response" && 7z a -bd -bso0 "$out/response.7z" records index.txt)
tar --sort=name --mtime=@1615900000 --owner=0 --group=0 -C "$work/response" -czf "$out/response.tar.gz" records index.txt

# A password-protected member between two readable ones (ZipCrypto, zip -P).
mkdir -p "$work/locked"
printf 'Readable before the locked file.\n' > "$work/locked/a-open.txt"
printf 'Secret notes.\n' > "$work/locked/b-locked.txt"
printf 'Readable after the locked file.\n' > "$work/locked/c-open.txt"
touch -d @"$SOURCE_DATE_EPOCH" "$work"/locked/*
rm -f "$out/locked.zip"
(cd "$work/locked" && zip -q -X "$out/locked.zip" a-open.txt && zip -q -X -P secret "$out/locked.zip" b-locked.txt \
  && zip -q -X "$out/locked.zip" c-open.txt)
gzip -n -c "$letter" > "$out/letter.pdf.gz"

# A compression bomb between two ordinary files: 20 MiB of zeros deflate to ~20 KiB.
mkdir -p "$work/bomb"
printf 'First ordinary file, before the bomb.\n' > "$work/bomb/a-before.txt"
head -c $((20 << 20)) /dev/zero > "$work/bomb/b-zeros.bin"
printf 'Last ordinary file, after the bomb.\n' > "$work/bomb/c-after.txt"
touch -d @"$SOURCE_DATE_EPOCH" "$work"/bomb/*
rm -f "$out/bomb.zip"
(cd "$work/bomb" && zip -q -X -9 "$out/bomb.zip" a-before.txt b-zeros.bin c-after.txt)

# --- Office files ---------------------------------------------------------------------
/usr/bin/python3 - "$out" <<'PY'
import sys, datetime
from docx import Document
from docx.enum.text import WD_BREAK
from openpyxl import Workbook
out = sys.argv[1]

d = Document()
d.core_properties.title = "Intergovernmental Agreement on Records Sharing"
d.core_properties.created = datetime.datetime(2021, 3, 16)
d.add_heading("Intergovernmental Agreement on Records Sharing", 0)
d.add_paragraph("This agreement is entered into on March 16, 2021 by the Chicago Police Department.")
for text in ["Definitions. Records means documents held by either party.",
             "Sharing. The Department shall not share records with Immigration and Customs Enforcement.",
             "Term. This agreement ends on December 31, 2022."]:
    d.add_paragraph(text, style="List Number")
d.paragraphs[-1].runs[0].add_break(WD_BREAK.PAGE)
d.add_paragraph("Signature page: executed by the parties on the date first written above.")
t = d.add_table(rows=2, cols=2)
t.cell(0, 0).text, t.cell(0, 1).text = "Party", "Signatory"
t.cell(1, 0).text, t.cell(1, 1).text = "Chicago Police Department", "Records Division Commander"
d.save(f"{out}/agreement.docx")

wb = Workbook()
ws = wb.active
ws.title = "Requests"
ws.append(["Request ID", "Requester", "Received", "Subject"])
ws.append(["R-2021-017", "Jane Roe", datetime.date(2021, 3, 16), "Detainer requests from ICE"])
ws.append(["R-2021-018", "Chicago Reporter", datetime.date(2021, 4, 2), "Gang database audit"])
for row in ws.iter_rows(min_row=2, min_col=3, max_col=3):
    row[0].number_format = "yyyy-mm-dd"
log = wb.create_sheet("Notes")
log.append(["Extension granted for R-2021-018 under 5 ILCS 140/3(e)."])
wb.properties.title = "FOIA request log 2021"
wb.save(f"{out}/request-log.xlsx")
PY
# OpenDocument and legacy binary versions, converted by LibreOffice from the above.
profile="-env:UserInstallation=file://$work/lo-profile"
soffice "$profile" --headless --convert-to odt --outdir "$out" "$out/agreement.docx" > /dev/null 2>&1
soffice "$profile" --headless --convert-to ods --outdir "$out" "$out/request-log.xlsx" > /dev/null 2>&1
soffice "$profile" --headless --convert-to doc --outdir "$out" "$out/agreement.docx" > /dev/null 2>&1
soffice "$profile" --headless --convert-to xls --outdir "$out" "$out/request-log.xlsx" > /dev/null 2>&1

# --- E-mail ---------------------------------------------------------------------------
/usr/bin/python3 - "$out" "$letter" "$out/request-log.xlsx" <<'PY'
import sys, mailbox
from email.message import EmailMessage
from email.headerregistry import Address
from email.utils import format_datetime, make_msgid
from email import policy
import datetime
out, letter, log = sys.argv[1:4]
tz = datetime.timezone(datetime.timedelta(hours=-5))

# UTF-8 body in quoted-printable, a PDF attached in base64, an ISO-8859-1 encoded sender
# name and a UTF-8 encoded subject (RFC 2047 encoded words).
m = EmailMessage(policy=policy.SMTP)
m["From"] = "=?iso-8859-1?q?Jos=E9_N=FA=F1ez?= <jnunez@chicagopolice.example>"
m["To"] = "Jane Roe <jroe@example.org>"
m["Cc"] = "FOIA Office <foia@chicagopolice.example>"
m["Subject"] = "=?utf-8?b?" + __import__("base64").b64encode("FOIA response – request R-2021-017 (détainers)".encode()).decode() + "?="
m["Date"] = format_datetime(datetime.datetime(2021, 3, 16, 10, 30, tzinfo=tz))
m["Message-ID"] = "<r2021017.response@chicagopolice.example>"
m.set_content("Dear Ms. Roe,\n\nAttached is the Department’s response to your request about detainer requests.\n"
              "The records are searchable now.\n", charset="utf-8", cte="quoted-printable")
m.add_attachment(open(letter, "rb").read(), maintype="application", subtype="pdf",
                 filename="response-letter.pdf")
open(f"{out}/response.eml", "wb").write(bytes(m))

# A reply in the same thread: an HTML-only body in ISO-8859-1, quoted-printable, an
# ISO-8859-1 subject, and a spreadsheet attached.
r = EmailMessage(policy=policy.SMTP)
r["From"] = "Jane Roe <jroe@example.org>"
r["To"] = "=?iso-8859-1?q?Jos=E9_N=FA=F1ez?= <jnunez@chicagopolice.example>"
r["Subject"] = "=?iso-8859-1?q?Re:_FOIA_response_-_request_R-2021-017_(d=E9tainers)?="
r["Date"] = format_datetime(datetime.datetime(2021, 3, 17, 9, 0, tzinfo=tz))
r["Message-ID"] = "<reply1@example.org>"
r["In-Reply-To"] = "<r2021017.response@chicagopolice.example>"
r["References"] = "<r2021017.response@chicagopolice.example>"
r.set_content("<html><body><p>Thank you. Is the <b>caf&eacute;</b> log of agreements with "
              "Homeland Security Investigations included?</p></body></html>",
              subtype="html", charset="iso-8859-1", cte="quoted-printable")
r.add_attachment(open(log, "rb").read(), maintype="application",
                 subtype="vnd.openxmlformats-officedocument.spreadsheetml.sheet", filename="my-log.xlsx")
open(f"{out}/reply.eml", "wb").write(bytes(r))

box = mailbox.mbox(f"{out}/thread.mbox")
box.clear()
for msg in (m, r):
    box.add(mailbox.mboxMessage(bytes(msg)))
third = EmailMessage(policy=policy.SMTP)
third["From"] = "FOIA Office <foia@chicagopolice.example>"
third["To"] = "Jane Roe <jroe@example.org>"
third["Subject"] = "Re: FOIA response"
third["Date"] = format_datetime(datetime.datetime(2021, 3, 18, 8, 0, tzinfo=tz))
third["Message-ID"] = "<reply2@chicagopolice.example>"
third["In-Reply-To"] = "<reply1@example.org>"
third["References"] = "<r2021017.response@chicagopolice.example> <reply1@example.org>"
third.set_content("No. Agreements with Homeland Security Investigations are withheld under 7(1)(d).\n")
box.add(mailbox.mboxMessage(bytes(third)))
box.flush()
box.close()
PY

# --- Outlook .msg (MS-OXMSG): property streams in an OLE compound file -----------------
/usr/bin/python3 - "$work/msg" "$moa" <<'PY'
import os, struct, sys, datetime
d, attachment = sys.argv[1:3]
def utf16(s): return s.encode("utf-16-le") + b"\0\0"
def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    open(path, "wb").write(data)
def prop(tag, value, flags=6): return struct.pack("<IIQ", tag, flags, value)
when = datetime.datetime(2021, 3, 19, 15, 45, tzinfo=datetime.timezone.utc)
filetime = int((when - datetime.datetime(1601, 1, 1, tzinfo=datetime.timezone.utc)).total_seconds()) * 10**7
root = f"{d}/msg"
# Top-level property stream: 32-byte header (next recipient id, next attachment id,
# recipient count, attachment count), then 16-byte entries.
write(f"{root}/__properties_version1.0",
      struct.pack("<8xIIII8x", 2, 1, 2, 1) + prop(0x00390040, filetime) + prop(0x0E060040, filetime))
strings = {0x001A: "IPM.Note", 0x0037: "Designation agreement for customs officers",
           0x0C1A: "Maria Garcia", 0x5D01: "mgarcia@cookcountysheriff.example",
           0x0E04: "Jane Roe", 0x1035: "<moa2019@cookcountysheriff.example>",
           0x1000: "Jane,\r\n\r\nAs requested, the 2019 designation agreement with U.S. Customs and "
                   "Border Protection is attached.\r\n\r\nMaria Garcia\r\nCook County Sheriff's Office\r\n"}
for pid, s in strings.items():
    write(f"{root}/__substg1.0_{pid:04X}001F", utf16(s))
for i, (name, addr, kind) in enumerate([("Jane Roe", "jroe@example.org", 1),
                                        ("Records Unit", "records@cookcountysheriff.example", 2)]):
    r = f"{root}/__recip_version1.0_#{i:08X}"
    write(f"{r}/__properties_version1.0", struct.pack("<8x") + prop(0x0C150003, kind))
    write(f"{r}/__substg1.0_3001001F", utf16(name))
    write(f"{r}/__substg1.0_39FE001F", utf16(addr))
a = f"{root}/__attach_version1.0_#00000000"
write(f"{a}/__properties_version1.0", struct.pack("<8x") + prop(0x37050003, 1))
write(f"{a}/__substg1.0_3707001F", utf16("designation-moa-2019.pdf"))
write(f"{a}/__substg1.0_37010102", open(attachment, "rb").read())
for s in ("__substg1.0_00020102", "__substg1.0_00030102", "__substg1.0_00040102"):
    write(f"{root}/__nameid_version1.0/{s}", b"")
PY
rm -f "$out/designation.msg"
(cd "$work/msg/msg" && gsf createole "$out/designation.msg" * > /dev/null)

# A forwarded request: a message attached as a message (attach method 5), whose storage
# holds the original's properties behind a 24-byte header.
/usr/bin/python3 - "$work/fwd" <<'PY'
import os, struct, sys, datetime
root = sys.argv[1] + "/msg"
def utf16(s): return s.encode("utf-16-le") + b"\0\0"
def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    open(path, "wb").write(data)
def prop(tag, value, flags=6): return struct.pack("<IIQ", tag, flags, value)
def filetime(y, mo, d, h):
    when = datetime.datetime(y, mo, d, h, tzinfo=datetime.timezone.utc)
    return int((when - datetime.datetime(1601, 1, 1, tzinfo=datetime.timezone.utc)).total_seconds()) * 10**7
def message(d, header, subject, sender, smtp, body, when):
    write(f"{d}/__properties_version1.0", header + prop(0x00390040, when))
    for pid, s in {0x001A: "IPM.Note", 0x0037: subject, 0x0C1A: sender, 0x5D01: smtp, 0x1000: body}.items():
        write(f"{d}/__substg1.0_{pid:04X}001F", utf16(s))
message(root, struct.pack("<8xIIII8x", 0, 1, 0, 1), "Fwd: records request about detainer agreements",
        "Records Unit", "records@cookcountysheriff.example",
        "Forwarding the original request for the file.\r\n", filetime(2021, 3, 22, 14))
a = f"{root}/__attach_version1.0_#00000000"
write(f"{a}/__properties_version1.0", struct.pack("<8x") + prop(0x37050003, 5))
write(f"{a}/__substg1.0_3001001F", utf16("Original request"))
message(f"{a}/__substg1.0_3701000D", struct.pack("<8xIIII", 0, 0, 0, 0), "Records request: detainer agreements",
        "Jane Roe", "jroe@example.org",
        "Under the Illinois FOIA I request every agreement with Immigration and Customs "
        "Enforcement about detainers since 2015.\r\n", filetime(2021, 3, 1, 9))
for s in ("__substg1.0_00020102", "__substg1.0_00030102", "__substg1.0_00040102"):
    write(f"{root}/__nameid_version1.0/{s}", b"")
PY
rm -f "$out/forwarded.msg"
(cd "$work/fwd/msg" && gsf createole "$out/forwarded.msg" * > /dev/null)

ls -l "$out"
