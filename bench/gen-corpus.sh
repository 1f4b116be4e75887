#!/usr/bin/env bash
# gen-corpus.sh N OUTDIR
#
# Generate N synthetic born-digital PDFs (default 300) for the ingest benchmark.
# Each document has 3 to 7 pages (about 5 on average, so 300 documents make about
# 1,500 pages), numbered sections and sub-clauses, agency names, dates and text
# drawn from the word lists below by a seeded generator.
#
# Output is deterministic: document i is the same for any N, on any machine
# (the generator is a Park-Miller LCG in awk, not awk's rand(), and the PDF
# creation date is pinned with SOURCE_DATE_EPOCH).
#
# Needs: bash, coreutils, awk, xargs, groff (gropdf). Runs 2 groff jobs in parallel
# (GEN_JOBS to change). Prints one summary line: "generated N documents, P pages in DIR".
set -euo pipefail

usage() { echo "usage: $0 [N] OUTDIR   (N defaults to 300)" >&2; exit 2; }
case $# in
    1) n=300; outdir=$1 ;;
    2) n=$1; outdir=$2 ;;
    *) usage ;;
esac
[[ $n =~ ^[0-9]+$ && $n -gt 0 ]] || { echo "gen-corpus: N must be a positive integer, got '$n'" >&2; exit 2; }
command -v groff >/dev/null || { echo "gen-corpus: groff not found (apt-get install groff)" >&2; exit 3; }
jobs=${GEN_JOBS:-2}

mkdir -p "$outdir"
rm -f "$outdir"/doc-[0-9]*.pdf "$outdir"/doc-[0-9]*.pdf.tmp   # exactly N documents, even after a larger run
msdir=$(mktemp -d "${TMPDIR:-/tmp}/gen-corpus.XXXXXX")
trap 'rm -rf "$msdir"' EXIT

# ---------------------------------------------------------------------------
# 1. Write the groff -ms sources (one awk process; all randomness is seeded).
# ---------------------------------------------------------------------------
awk -v N="$n" -v OUT="$msdir" '
function rnd(   ) { S = (16807 * S) % 2147483647; return S }
function ri(lo, hi) { return lo + rnd() % (hi - lo + 1) }          # integer in [lo,hi]
function pick(arr, cnt) { return arr[1 + rnd() % cnt] }
function chance(pct) { return (rnd() % 100) < pct }
function load(arr, s,   n) { n = split(s, arr, "|"); return n }
function roman(k,   r, v, s, i) {
    split("1000 900 500 400 100 90 50 40 10 9 5 4 1", v, " ")
    split("M CM D CD C XC L XL X IX V IV I", s, " ")
    r = ""
    for (i = 1; i <= 13; i++) while (k >= v[i]) { r = r s[i]; k -= v[i] }
    return r
}
function plural(w) { return (w ~ /[^aeiou]y$/) ? substr(w, 1, length(w) - 1) "ies" : w "s" }
function art(w) { return ((w ~ /^[aeiou]/) ? "an " : "a ") w }
function cap(s) { return toupper(substr(s, 1, 1)) substr(s, 2) }
function date() { return pick(MON, nMON) " " ri(1, 28) ", " ri(2008, 2023) }
function agency() { return pick(AG, nAG) }
function party() { return chance(50) ? "the " pick(ROLE, nROLE) : agency() }
function np() { return (chance(40) ? pick(ADJ, nADJ) " " : "") pick(NOUN, nNOUN) }
function sentence(   t, s) {
    t = rnd() % 9
    if (t == 0) s = cap(party()) " " pick(MOD, nMOD) " " pick(VERB, nVERB) " the " np() " " pick(PREP, nPREP) " the " np() "."
    else if (t == 1) s = "Each " pick(ROLE, nROLE) " " pick(MOD, nMOD) " " pick(VERB, nVERB) " any " np() " that " pick(REL, nREL) "."
    else if (t == 2) s = "Not later than " ri(2, 90) " days after " pick(EVT, nEVT) ", " party() " " pick(MOD, nMOD) " " pick(VERB, nVERB) " " art("written " pick(NOUN, nNOUN)) " to " agency() "."
    else if (t == 3) s = "Nothing in this " pick(INSTR, nINSTR) " " pick(NEG, nNEG) " " np() " " pick(PREP, nPREP) " " agency() "."
    else if (t == 4) s = "For purposes of this section, the term \\(lq" pick(NOUN, nNOUN) "\\(rq means " art(np()) " " pick(REL, nREL) "."
    else if (t == 5) s = cap(party()) " " pick(MOD, nMOD) " " pick(VERB, nVERB) " the " np() " in accordance with " pick(CITE, nCITE) "."
    else if (t == 6) s = "As of " date() ", " agency() " " pick(REP, nREP) " " ri(2, 4999) " " plural(pick(NOUN, nNOUN)) " " pick(PREP, nPREP) " the " np() "."
    else if (t == 7) s = cap(party()) " " pick(MOD, nMOD) " " pick(VERB, nVERB) " the " np() " and " pick(VERB, nVERB) " the " np() " " pick(PREP, nPREP) " the " np() "."
    else s = "Any " np() " " pick(REL, nREL) " " pick(MOD, nMOD) " be " pick(PART, nPART) " by " party() " within " ri(1, 30) " business days."
    return s
}
function immig() { return pick(IMM, nIMM) }
function clause_text(k,   s, i) {
    s = ""
    for (i = 0; i < k; i++) s = s (i ? " " : "") (chance(7) ? immig() : sentence())
    return s
}
function secnum(style, k) {
    if (style == 0) return "Section " k "."
    if (style == 1) return "ARTICLE " roman(k) "."
    if (style == 2) return k "."
    return "2\\-" CODE "\\-" sprintf("%03d", k * 10)
}
function sublabel(style, k) {
    if (style == 0) return "(" substr("abcdefghij", k, 1) ")"
    if (style == 1) return "(" k ")"
    if (style == 2) return substr("ABCDEFGHIJ", k, 1) "."
    return k "."
}
# A section takes sentences from the page budget BUD; it always prints at least
# a heading, an intro sentence and two sub-clauses.
function section(f, k,   nsub, j, m) {
    print ".SH" > f
    print secnum(SECSTYLE, k) " " cap(pick(HEAD, nHEAD)) > f
    print ".PP" > f
    m = ri(1, 2); print clause_text(m) > f; BUD -= m
    nsub = ri(2, 5)
    for (j = 1; j <= nsub && (j <= 2 || BUD > 0); j++) {
        m = ri(1, 3); if (j > 2 && m > BUD) m = BUD
        print ".IP " sublabel(SUBSTYLE, j) " 4" > f
        print clause_text(m) > f; BUD -= m
    }
}
BEGIN {
    nMON = load(MON, "January|February|March|April|May|June|July|August|September|October|November|December")
    nAG = load(AG, "U.S. Immigration and Customs Enforcement (ICE)|Homeland Security Investigations (HSI)|the Department of Homeland Security (DHS)|Enforcement and Removal Operations (ERO)|U.S. Customs and Border Protection (CBP)|the Chicago Police Department (CPD)|the Cook County Sheriff'"'"'s Office|the Cook County Department of Corrections|the Illinois State Police|the Federal Bureau of Investigation (FBI)|the Drug Enforcement Administration (DEA)|the Bureau of Alcohol, Tobacco, Firearms and Explosives (ATF)|the Office of Emergency Management and Communications (OEMC)|the City of Chicago Department of Law|the Chicago Public Schools|the Department of Streets and Sanitation|the Chicago Transit Authority|the Office of Inspector General|the Civilian Office of Police Accountability|the U.S. Marshals Service|the Cook County State'"'"'s Attorney|the Illinois Department of Corrections|the Department of Procurement Services|the Metropolitan Water Reclamation District")
    nROLE = load(ROLE, "Participating Agency|Task Force Officer|Special Agent in Charge|Deputy Chief|Field Office Director|Commanding Officer|Records Custodian|Program Manager|Contracting Officer|Watch Operations Lieutenant|Jail Commander|Designated Officer|Chief Procurement Officer|FOIA Officer|Inspector General|Liaison Sergeant|Host Agency|Contractor|Sheriff|Superintendent")
    nMOD = load(MOD, "shall|may|will|shall not|must|is authorized to|agrees to|is not required to|may not")
    nVERB = load(VERB, "maintain|review|disclose|retain|transmit|certify|designate|supervise|document|audit|approve|notify|provide|reimburse|suspend|revoke|verify|coordinate|record|deliver|inspect|submit|reconcile|authorize|investigate|execute|serve|process|collect|publish|redact|amend|renew|terminate|assign|train|evaluate|forward|archive|escalate")
    nADJ = load(ADJ, "quarterly|written|administrative|operational|confidential|federal|municipal|annual|electronic|criminal|civil|sworn|interim|supplemental|sensitive|public|joint|regional|statistical|certified|temporary|standing|original|redacted|aggregate|outstanding|pending|additional|prior|applicable")
    nNOUN = load(NOUN, "record|report|request|warrant|agreement|log|invoice|roster|inventory|certification|directive|schedule|notice|appendix|budget|complaint|training curriculum|case file|data extract|access credential|audit trail|evidence item|vehicle|facility|database query|memorandum|amendment|exhibit|disclosure|fee|deadline|reimbursement|overtime claim|personnel file|work plan|incident report|arrest report|booking record|subpoena|court order|task force roster|equipment list|retention schedule|fingerprint record|camera recording|radio log|dispatch record|service contract|grant award|performance measure|data dictionary|user account|password policy|background check|inspection report|contingency plan")
    nPREP = load(PREP, "under|pursuant to|on behalf of|in coordination with|subject to the approval of|for review by|without the consent of|as directed by|in the custody of|upon request of")
    nREL = load(REL, "is maintained by a participating agency|is received after the effective date|relates to a pending investigation|contains personal information|is subject to public disclosure|was created before the term of this agreement|concerns a member of the public|is stored in an electronic system|is shared with an outside agency|requires supervisory approval")
    nEVT = load(EVT, "the end of each calendar quarter|the effective date of this agreement|receipt of a written request|the close of the fiscal year|completion of the training|the date of termination|the conclusion of an investigation|notice of a complaint|the execution of an amendment|the release of a person from custody")
    nINSTR = load(INSTR, "agreement|memorandum|directive|ordinance|order|charter|contract|policy|section|article")
    nNEG = load(NEG, "limits the authority of|creates any right enforceable against|waives any immunity of|requires the disclosure of|modifies the obligations of|transfers any funds to|restricts the discretion of|obligates appropriations of")
    nCITE = load(CITE, "5 ILCS 140/7(1)(c)|5 ILCS 140/3(e)|50 ILCS 205/1|19 U.S.C. 1401(i)|19 U.S.C. 1589a|28 U.S.C. 2671|5 U.S.C. 552|Chapter 2\\-173 of the Municipal Code of Chicago|Chapter 2\\-92 of the Municipal Code of Chicago|the Illinois Local Records Act|the Illinois Freedom of Information Act|applicable federal regulations|the CPD Rules and Regulations|the Federal Acquisition Regulation|the HSI Chicago Task Force Charter|CPD General Order G09\\-01|the LEADS user agreement|the CLEAR data warehouse access policy")
    nREP = load(REP, "reported|processed|received|reviewed|closed|logged|forwarded|declined|approved|audited")
    nPART = load(PART, "reviewed|approved|logged|retained|redacted|reported|forwarded|audited|certified|destroyed")
    nHEAD = load(HEAD, "purpose|authority|definitions|scope|designation|supervision|training|records and reporting|term and termination|liability|funding|confidentiality|data access|complaints|modification|notices|compliance with law|audits|dispute resolution|personnel|equipment|insurance|indemnification|payment|public information|effective date|severability|points of contact|deliverables|review and evaluation")
    nTYPE = load(TYPE, "MEMORANDUM OF AGREEMENT|MEMORANDUM OF UNDERSTANDING|INTERGOVERNMENTAL AGREEMENT|GENERAL ORDER|SPECIAL ORDER|TASK FORCE CHARTER|DATA SHARING AGREEMENT|AUDIT REPORT|INVESTIGATIVE REVIEW|SERVICE CONTRACT|POLICY DIRECTIVE|ORDINANCE")
    nFN = load(FN, "Jordan|Alex|Morgan|Casey|Taylor|Riley|Avery|Quinn|Dana|Jamie|Robin|Leslie|Kendall|Reese|Drew|Emerson|Hayden|Rowan|Sasha|Marlowe")
    nLN = load(LN, "Reyes|Okafor|Kowalski|Nakamura|Brennan|Delgado|Haddad|Lindqvist|Mbeki|Oyelaran|Petrakis|Quintero|Sandoval|Tanaka|Underwood|Vasquez|Whitcombe|Yilmaz|Zielinski|Abernathy|Castellano|Duchene|Fairbanks|Gallardo")
    nIMM = load(IMM, "Designated officers may honor immigration detainers issued on Form I\\-247A and hold a person for up to 48 hours beyond the time of release.|The Host Agency shall notify ERO of the release date of any person who is the subject of an immigration detainer.|Participating officers shall not enforce administrative (civil) immigration violations.|ICE officers shall have access to persons in custody and to the booking records of the facility.|This agreement is not an agreement under 8 U.S.C. 1357(g).|No officer shall detain a person solely on the basis of an administrative warrant entered in NCIC.|The Department shall provide traffic perimeters and on-site support for federal enforcement operations.|Federal partners shall be granted access to the gang database for all lawful purposes.|Members will decline any request for assistance with civil immigration enforcement unless a judicial warrant is presented.|The Agency shall record every request from a federal immigration agency and report it quarterly.")

    for (d = 1; d <= N; d++) {
        # Seed per document; the multiply by a function of S makes the seed
        # non-linear in d (a plain LCG from evenly spaced seeds is correlated).
        S = (20190412 + d * 7919) % 2147483647
        for (w = 0; w < 4; w++) { S = (S * (S % 65521 + 1) + d) % 2147483647; if (S == 0) S = d; rnd() }
        f = sprintf("%s/doc-%04d.ms", OUT, d)
        pages = ri(3, 7)
        SECSTYLE = rnd() % 4; SUBSTYLE = rnd() % 4; CODE = ri(100, 199)
        type = pick(TYPE, nTYPE); a1 = agency(); do a2 = agency(); while (a2 == a1)
        dt = date(); num = sprintf("%s-%05d", substr("ABCDEFGHKMPRST", ri(1, 14), 1), ri(1, 99999))
        t = type " between " a1 " and " a2 ", " dt " (No. " num ")"
        gsub(/\\-/, "-", t); gsub(/"/, "", t)
        print ".pdfinfo /Title \"" cap(tolower(substr(type, 1, 1))) tolower(substr(type, 2)) ": " a1 " and " a2 ", " dt " (No. " num ")\"" > f
        print ".pl 11i\n.nr PO 1i\n.nr LL 6.5i\n.nr HY 0\n.nh\n.ad l\n.ds CH\n.ds LF Synthetic benchmark document " num "\n.ds RF Page \\\\n%" > f
        print ".LP\n.ps 9\n\\fISynthetic document generated for the foialens ingest benchmark. Not a real record.\\fP\n.ps" > f
        print ".LP\n.ce 4\n.ft B\n" type "\nBETWEEN " toupper(a1) "\nAND " toupper(a2) "\n.ft\n.ce 0" > f
        print ".LP\nDated " dt ". Reference No. " num "." > f
        k = 0
        for (p = 1; p <= pages; p++) {
            # Sentence budget per page (about 20 words each): keeps every page
            # well filled without spilling onto the next, so page counts are exact.
            BUD = (p == 1) ? ri(12, 15) : (p == pages) ? ri(7, 10) : ri(19, 23)
            do section(f, ++k); while (BUD > 3)
            if (p < pages) print ".bp" > f
        }
        for (s = 0; s < 2; s++) {
            print ".LP\n.sp\n.nf\n\\l'"'"'2.5i'"'"'\n" pick(FN, nFN) " " substr("ABCDEFGHJKLMNPRSTW", ri(1, 18), 1) ". " pick(LN, nLN) "\n" pick(ROLE, nROLE) "\n" cap(s ? a2 : a1) "\nDate: " date() "\n.fi" > f
        }
        close(f)
        total += pages
    }
    print total > (OUT "/.pages")
}' </dev/null

# ---------------------------------------------------------------------------
# 2. Render in parallel, 8 documents per groff batch to amortise process start.
# ---------------------------------------------------------------------------
export OUTDIR_ABS=$(cd "$outdir" && pwd)
export SOURCE_DATE_EPOCH=1609459200
find "$msdir" -name 'doc-*.ms' -print0 | sort -z |
    xargs -0 -P "$jobs" -n 8 bash -c '
        for f; do
            b=$(basename "$f" .ms)
            groff -ms -Tpdf -P-pletter "$f" > "$OUTDIR_ABS/$b.pdf.tmp" 2>/dev/null &&
                mv "$OUTDIR_ABS/$b.pdf.tmp" "$OUTDIR_ABS/$b.pdf" || { echo "gen-corpus: groff failed on $b" >&2; exit 255; }
        done' _

echo "generated $n documents, $(cat "$msdir/.pages") pages in $outdir"
