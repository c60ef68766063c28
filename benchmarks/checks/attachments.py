"""Personal data in attachments the gate must read by OCR (issue #17, the live hole): precision
and recall per kind, and how every unreadable file is caught.

Run ``python -m benchmarks.checks.attachments`` from the repository root (needs Debian's
tesseract-ocr, tesseract-ocr-chi-sim and a Chinese font such as fonts-wqy-microhei to draw the
scans). It renders labelled sentences of ``samples.jsonl`` (penalty-decision style, with and
without personal data) as PNG and JPEG images, image-only PDFs (scans) and DOCX files holding
the picture, takes the Word 97-2003 ``.doc`` files committed in ``doc_samples/out`` (written by
``doc_samples/GenerateDocSamples.java`` with Apache POI from the same sentences, labels in
``labels.jsonl``; read by antiword or catdoc), adds encrypted, corrupt and unknown files, runs
:func:`extract` and the scanner on each, and prints the tables, overall and per format (also
written to ``results-attachments.txt``).

A file is scored by the kinds found in it against the kinds labelled in its sentence (set per
file); an unreadable file must come back unreadable (a blocking finding) — a pass there would be
the hole this closes. Caveat: the scans are clean renderings, not photographs of paper.
"""

import io
import json
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

import django  # noqa: E402

django.setup()

from PIL import Image, ImageDraw, ImageFont  # noqa: E402

from disclosure.checks.extraction import extract  # noqa: E402
from disclosure.checks.scanner import scan  # noqa: E402

FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
PER_FORMAT = 12  # sentences per format (half with personal data, half without)
SEED = 17
DOC_SAMPLES = HERE / "doc_samples" / "out"


def render(text, size=34, width=1240):
    font = ImageFont.truetype(str(FONT), size)
    lines, line = [], ""
    for char in text:
        if font.getlength(line + char) > width - 80:
            lines.append(line)
            line = ""
        line += char
    lines.append(line)
    image = Image.new("L", (width, 80 + len(lines) * int(size * 1.6)), 255)
    draw = ImageDraw.Draw(image)
    for number, text_line in enumerate(lines):
        draw.text((40, 40 + number * int(size * 1.6)), text_line, font=font, fill=0)
    return image


def as_png(image):
    out = io.BytesIO()
    image.save(out, "PNG")
    return "scan.png", out.getvalue()


def as_jpeg(image):
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=90)
    return "scan.jpg", out.getvalue()


def as_pdf(image):
    out = io.BytesIO()
    image.convert("RGB").save(out, "PDF", resolution=150)
    return "scan.pdf", out.getvalue()


def as_docx(image):
    import docx

    document = docx.Document()
    document.add_paragraph("附件：行政处罚决定书（扫描件）")
    picture = io.BytesIO()
    image.save(picture, "PNG")
    document.add_picture(picture)
    out = io.BytesIO()
    document.save(out)
    return "decision.docx", out.getvalue()


def unreadable_files():
    from pypdf import PdfWriter

    files = []
    for n in range(5):
        writer = PdfWriter()
        writer.add_blank_page(width=200, height=200)
        writer.encrypt(f"secret{n}")
        out = io.BytesIO()
        writer.write(out)
        files.append(("encrypted.pdf", out.getvalue()))
    files += [("broken.pdf", b"%PDF-1.4\n" + os.urandom(300)) for _ in range(2)]
    files += [("broken.docx", b"PK\x03\x04" + os.urandom(300))]
    files += [("archive.rar", b"Rar!\x1a\x07" + os.urandom(100)), ("scan.doc", os.urandom(400))]
    return files


def legacy_word_files():
    """The committed Word 97-2003 files written by ``doc_samples/GenerateDocSamples.java``."""
    labels = DOC_SAMPLES / "labels.jsonl"
    for line in labels.open(encoding="utf-8"):
        entry = json.loads(line)
        yield entry["file"], (DOC_SAMPLES / entry["file"]).read_bytes(), entry["sample"]


def rendered_files(samples):
    rng = random.Random(SEED)
    positives = [s for s in samples if s["findings"]]
    negatives = [s for s in samples if not s["findings"]]
    for build in (as_png, as_jpeg, as_pdf, as_docx):
        chosen = rng.sample(positives, PER_FORMAT // 2) + rng.sample(negatives, PER_FORMAT // 2)
        for sample in chosen:
            name, data = build(render(sample["text"]))
            yield name, data, sample


def ratio(part, whole):
    return part / whole if whole else 1.0


def main():
    if not FONT.exists():
        sys.exit(
            f"needs a Chinese font to draw the scans: {FONT} (apt-get install fonts-wqy-microhei)"
        )
    samples = [json.loads(line) for line in (HERE / "samples.jsonl").open(encoding="utf-8")]
    tp, fp, fn = Counter(), Counter(), Counter()
    per_format = {}  # format -> Counter of tp, fp, fn, files, blocked_pd, pd, blocked_clean, clean
    files = seconds = 0
    misses = []
    blocked = Counter()  # (labelled positive?, blocked?) per file
    all_files = list(rendered_files(samples)) + list(legacy_word_files())
    for name, data, sample in all_files:
        started = time.perf_counter()
        extraction = extract(name, data)
        seconds += time.perf_counter() - started
        files += 1
        form = per_format.setdefault(Path(name).suffix, Counter())
        expected = {f["kind"] for f in sample["findings"]}
        found = {m.kind for m in scan(extraction.text)}
        if extraction.unreadable:
            misses.append((name, "unreadable", extraction.unreadable))
        stopped = bool(found) or bool(extraction.unreadable)
        blocked[(bool(expected), stopped)] += 1
        form["files"] += 1
        form["pd" if expected else "clean"] += 1
        form["blocked_pd" if expected else "blocked_clean"] += stopped
        for kind in found | expected:
            if kind in found and kind in expected:
                tp[kind] += 1
                form["tp"] += 1
            elif kind in found:
                fp[kind] += 1
                form["fp"] += 1
                misses.append((name, f"false {kind}", sample["text"]))
            else:
                fn[kind] += 1
                form["fn"] += 1
                misses.append((name, f"missed {kind}", extraction.text.strip()[-400:]))
    unreadable = unreadable_files()
    caught = sum(1 for name, data in unreadable if extract(name, data).unreadable)
    doc_files = per_format[".doc"]["files"]

    lines = [
        "Personal data in attachments read by OCR and from legacy Word files "
        "(python -m benchmarks.checks.attachments)",
        f"{files} labelled files, half with personal data: {PER_FORMAT} per rendered format "
        f"(PNG, JPEG, image-only PDF, DOCX with the picture; seed {SEED}) and {doc_files} "
        "Word 97-2003 .doc files with the sentence as text (doc_samples/out)",
        "",
        f"{'kind':<12} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>10} {'recall':>8}",
    ]
    for kind in sorted(set(tp) | set(fp) | set(fn)):
        precision = ratio(tp[kind], tp[kind] + fp[kind])
        recall = ratio(tp[kind], tp[kind] + fn[kind])
        lines.append(
            f"{kind:<12} {tp[kind]:>4} {fp[kind]:>4} {fn[kind]:>4} {precision:>10.3f} {recall:>8.3f}"
        )
    all_tp, all_fp, all_fn = sum(tp.values()), sum(fp.values()), sum(fn.values())
    lines += [
        f"{'all':<12} {all_tp:>4} {all_fp:>4} {all_fn:>4} "
        f"{ratio(all_tp, all_tp + all_fp):>10.3f} {ratio(all_tp, all_tp + all_fn):>8.3f}",
        "",
        f"{'format':<8} {'files':>5} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>10} "
        f"{'recall':>8}  blocked with / without personal data",
    ]
    for suffix, form in per_format.items():
        lines.append(
            f"{suffix:<8} {form['files']:>5} {form['tp']:>4} {form['fp']:>4} {form['fn']:>4} "
            f"{ratio(form['tp'], form['tp'] + form['fp']):>10.3f} "
            f"{ratio(form['tp'], form['tp'] + form['fn']):>8.3f}  "
            f"{form['blocked_pd']} / {form['pd']}, {form['blocked_clean']} / {form['clean']}"
        )
    lines += [
        "",
        "files the gate blocks: "
        f"{blocked[(True, True)]} / {blocked[(True, True)] + blocked[(True, False)]} with personal "
        f"data, {blocked[(False, True)]} / {blocked[(False, True)] + blocked[(False, False)]} "
        "without",
        f"unreadable files caught as blocking findings: {caught} / {len(unreadable)} "
        "(encrypted PDF ×5, corrupt PDF ×2, corrupt DOCX, unknown type, random bytes as .doc)",
        f"extraction time: {seconds / files:.2f} s per file on average (OCR included)",
    ]
    if misses:
        lines += ["", "misses:"] + [f"  {name}: {what}: {detail}" for name, what, detail in misses]
    report = "\n".join(lines) + "\n"
    print(report)
    (HERE / "results-attachments.txt").write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
