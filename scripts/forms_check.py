#!/usr/bin/env python3
"""The checks of scripts/forms-check, run against a database that holds a generated body.

For each sample form it renders the HTML in the database, prints it with headless Chromium to
PDF and to a PNG screenshot, rasterises the PDF's first page (pdftoppm) to see the printed page,
and checks:
  - Chromium logs no console message (--enable-logging=stderr --v=0 prints every console message
    as a CONSOLE line; a self-test page that calls console.error proves the grep sees them);
  - the document is self-contained: no <script>, <link>, <iframe>, <img>, no src= or href=;
  - the PDF is A4 (595 x 842 pt, pdfinfo) and one page long;
  - the data texts are escaped (the sample person named with <script> and &"' shows up only as
    entities, and the printed page's text holds the name as written: pdftotext);
  - the radar: one axis per competency_result row, both polygons have one vertex per competency,
    each vertex at the point its mean puts it (recomputed from competency_result), on its axis.
Only the Python standard library, psql, chromium and poppler-utils.
"""
import math
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

OUT = os.environ.get("FORMS_OUT", "/tmp/ocenka-forms")
SAMPLES = os.environ.get("FORMS_SAMPLES") == "yes"
DB = "forms"
A4 = (595.0, 842.0)
EVIL = "Ким <script>alert(\"x\")</script> & O'Neil"

failures = []
checks = 0


def ok(cond, what):
    global checks
    checks += 1
    if cond:
        print(f"ok {checks} - {what}")
    else:
        print(f"not ok {checks} - {what}")
        failures.append(what)


def psql(sql):
    r = subprocess.run(["psql", "-X", "-q", "-At", "-d", DB, "-v", "ON_ERROR_STOP=1", "-c", sql],
                       capture_output=True, text=True, env=dict(os.environ, PGOPTIONS="-c search_path=ocenka,public"))
    if r.returncode != 0:
        sys.exit(f"forms_check: psql failed: {r.stderr}")
    return r.stdout.rstrip("\n")


def chromium(args, url):
    cmd = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
           "--enable-logging=stderr", "--v=0", "--no-first-run", "--disable-extensions",
           "--user-data-dir=" + os.path.join(OUT, ".chromium")] + args + [url]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    return r.returncode, r.stderr


def console_lines(stderr):
    return [l for l in stderr.splitlines() if "CONSOLE" in l]


class External(HTMLParser):
    """Collects what would make a document depend on something outside it."""

    def __init__(self):
        super().__init__()
        self.bad = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "link", "iframe", "img", "object", "embed"):
            self.bad.append(tag)
        for k, v in attrs:
            if k in ("src", "href") or k.startswith("on"):
                self.bad.append(f"{tag}[{k}={v}]")


def render(name, sql):
    html = psql(sql)
    path = os.path.join(OUT, name + ".html")
    with open(path, "w", encoding="utf-8") as f:
        f.write(html + "\n")
    return html, path


def print_and_check(name, html, path, one_page=True):
    url = "file://" + path
    pdf = os.path.join(OUT, name + ".pdf")
    png = os.path.join(OUT, name + ".png")
    rc, err = chromium(["--no-pdf-header-footer", "--print-to-pdf=" + pdf], url)
    ok(rc == 0 and os.path.exists(pdf), f"{name}: Chromium prints it to PDF")
    ok(not console_lines(err), f"{name}: no console message while printing {console_lines(err)[:3]}")
    rc, err = chromium(["--window-size=900,1300", "--screenshot=" + png], url)
    ok(rc == 0 and os.path.exists(png), f"{name}: Chromium renders it to PNG")
    ok(not console_lines(err), f"{name}: no console message while rendering {console_lines(err)[:3]}")
    p = External()
    p.feed(html)
    ok(not p.bad, f"{name}: self-contained (no script, link, src or href) {p.bad[:3]}")
    ok("@page { size: A4;" in html, f"{name}: asks for A4 pages")
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    w, h = map(float, re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.M).groups())
    ok(abs(w - A4[0]) < 1.5 and abs(h - A4[1]) < 1.5, f"{name}: the PDF page is A4 ({w} x {h} pt)")
    if one_page:
        ok(pages == 1, f"{name}: fits one A4 page ({pages} pages)")
    subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile", pdf,
                    os.path.join(OUT, name + ".page")], check=True)
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True).stdout
    return text


def check_radar(name, html, survey_id):
    rows = psql(f"SELECT competency_no, coalesce(mean, 0), coalesce(self_mean, 0) FROM ocenka.competency_result "
                f"WHERE survey_id = {survey_id} ORDER BY competency_no")
    comp = [tuple(float(x) for x in r.split("|")) for r in rows.splitlines()]
    n = len(comp)
    m = re.search(r"<svg\b.*?</svg>", html, re.S)
    ok(m is not None, f"{name}: holds an SVG radar")
    svg = ET.fromstring(m.group(0))
    ns = "{http://www.w3.org/2000/svg}"
    axes = [e for e in svg.iter(ns + "line") if e.get("class") == "axis"]
    ok(len(axes) == n, f"{name}: {len(axes)} axes for {n} competencies")
    labels = [e for e in svg.iter(ns + "text") if e.get("data-axis")]
    ok([t.text for t in labels] == [str(i) for i in range(1, n + 1)], f"{name}: the axes are numbered 1 … {n} as the table's rows")
    polys = {e.get("class"): e for e in svg.iter(ns + "polygon") if (e.get("class") or "").startswith("series")}
    for cls, col in (("series respondents", 1), ("series self", 2)):
        poly = polys.get(cls)
        ok(poly is not None, f"{name}: has the {cls.split()[1]} polygon")
        if poly is None:
            continue
        pts = [tuple(map(float, p.split(","))) for p in poly.get("points").split()]
        ok(len(pts) == n, f"{name}: the {cls.split()[1]} polygon has {len(pts)} vertices for {n} competencies")
        worst = 0.0
        off_axis = 0.0
        for i, (c, (x, y)) in enumerate(zip(comp, pts)):
            a = 2 * math.pi * i / n - math.pi / 2
            v = c[col]
            ex, ey = 180 + 26 * v * math.cos(a), 180 + 26 * v * math.sin(a)
            worst = max(worst, abs(x - ex), abs(y - ey))
            ax = axes[i]
            x2, y2 = float(ax.get("x2")) - 180, float(ax.get("y2")) - 180
            off_axis = max(off_axis, abs(x2 * (y - 180) - y2 * (x - 180)) / math.hypot(x2, y2))
        ok(worst <= 0.006, f"{name}: every {cls.split()[1]} vertex sits where its mean puts it (worst error {worst:.4f})")
        ok(off_axis <= 0.01, f"{name}: every {cls.split()[1]} vertex lies on its competency's axis (worst {off_axis:.4f})")


def main():
    os.makedirs(OUT, exist_ok=True)
    # the console check must be able to see a console message
    probe = os.path.join(OUT, "console-probe.html")
    with open(probe, "w") as f:
        f.write("<!DOCTYPE html><html><body><script>console.error('forms-check probe')</script></body></html>")
    rc, err = chromium(["--screenshot=" + os.path.join(OUT, "console-probe.png")], "file://" + probe)
    ok(any("forms-check probe" in l for l in console_lines(err)), "the console check sees a console.error (self-test)")

    forms = {}
    pick = {
        "kpi": "form = 'kpi'",
        "typical-ranking": "form = 'typical-ranking'",
        "wko-leadership": "form = 'wko-leadership' AND cap IS NOT NULL",
        "wko-non-leadership": "form = 'wko-non-leadership' AND cap IS NOT NULL",
    }
    for form, cond in pick.items():
        row = psql(f"SELECT employee_id || '|' || q FROM ocenka.quarter_result r WHERE status = 'evaluated' AND {cond} "
                   f"ORDER BY (SELECT count(*) FROM ocenka.item i WHERE i.sheet_id = r.sheet_id) DESC, q DESC, employee_id LIMIT 1")
        ok(row != "", f"the generated body has a {form} sheet")
        if row:
            forms[form] = row.split("|")
    surveys = {}
    for sf in ("heads", "employees"):
        row = psql(f"SELECT s.id || '|' || s.employee_id || '|' || s.year FROM ocenka.survey s WHERE survey_form = '{sf}' "
                   f"AND EXISTS (SELECT FROM ocenka.competency_result c WHERE c.survey_id = s.id) ORDER BY s.employee_id LIMIT 1")
        ok(row != "", f"the generated body has a 360 result of {sf}")
        if row:
            surveys[sf] = row.split("|")

    langs = {"kpi": "kk", "typical-ranking": "kk", "wko-leadership": "ru", "wko-non-leadership": "ru"}
    for form, (emp, q) in forms.items():
        for lang in sorted({langs[form], "en"}):
            name = f"sheet-{form}-{lang}"
            html, path = render(name, f"SELECT ocenka.render_sheet({emp}, '{q}', '{lang}')")
            print_and_check(name, html, path)
            mean = psql(f"SELECT ocenka.form_number(mean, '{lang}') || '|' || ocenka.form_number(score, '{lang}') "
                        f"FROM ocenka.quarter_result WHERE employee_id = {emp} AND q = '{q}'::ocenka.quarter").split("|")
            ok(f'<td class="num">{mean[0]}</td></tr>' in html and f"({mean[1]};" in html,
               f"{name}: shows the stored mean {mean[0]} and score {mean[1]}")
    for sf, (sid, emp, year) in surveys.items():
        for lang in ("kk", "ru", "en"):
            name = f"360-{sf}-{lang}"
            html, path = render(name, f"SELECT ocenka.render_360({emp}, {year}, '{lang}')")
            print_and_check(name, html, path)
            check_radar(name, html, sid)

    plan = psql("SELECT employee_id || '|' || year FROM ocenka.kpi GROUP BY employee_id, year ORDER BY count(*) DESC, year, employee_id LIMIT 1")
    ok(plan != "", "the generated body has a KPI plan")
    if plan:
        emp, year = plan.split("|")
        for lang in ("kk", "en"):
            name = f"plan-{lang}"
            html, path = render(name, f"SELECT ocenka.render_kpi_plan({emp}, {year}, '{lang}')")
            print_and_check(name, html, path)
            n = int(psql(f"SELECT count(*) FROM ocenka.kpi WHERE employee_id = {emp} AND year = {year}"))
            ok(len(re.findall(r'<tr><td class="num">\d</td>', html)) == n, f"{name}: one row per KPI ({n})")

    # the protocols: a calibration session on a generated result and a commission meeting of akmola-2018
    r = subprocess.run(["psql", "-X", "-q", "-d", DB, "-v", "ON_ERROR_STOP=1", "-v", "evil=" + EVIL,
                        "-f", os.path.join(os.path.dirname(os.path.abspath(__file__)), "forms_check_protocols.sql")],
                       capture_output=True, text=True)
    ok(r.returncode == 0, f"a calibration session and a commission meeting are written to print {r.stderr[-300:]}")
    if r.returncode == 0:
        for lang in ("kk", "ru", "en"):
            name = f"protocol-calibration-{lang}"
            html, path = render(name, f"SELECT ocenka.render_calibration_protocol(9001, '{lang}')")
            print_and_check(name, html, path)
            n = int(psql("SELECT count(*) FROM ocenka.calibration_member WHERE session_id = 9001"))
            ok(len(re.findall(r'<tr><td class="num">\d+</td>', html)) == n and html.count('<td class="blank"></td>') == n,
               f"{name}: one row and one signature per member ({n})")
            before = psql(f"SELECT ocenka.form_number(score, '{lang}') FROM ocenka.quarter_result r JOIN ocenka.calibration_application a "
                          f"USING (employee_id, q) WHERE a.id = 9001")
            after = psql(f"SELECT ocenka.form_number(calibration_majority(9001), '{lang}')")
            ok(re.search(r'<tr class="result"><td>[^<]*</td><td>' + re.escape(before) + r' \(.*?</td><td>' + re.escape(after) + r' \(', html) is not None,
               f"{name}: the result shows the grade before ({before}) and the majority's ({after})")
        for lang in ("kk", "ru", "en"):
            name = f"protocol-commission-{lang}"
            html, path = render(name, f"SELECT ocenka.render_commission_protocol(9001, '{lang}')")
            text = print_and_check(name, html, path)
            ok(len(re.findall(r'<tr( class="casting")?><td class="num">\d+</td><td>[^<]*, ', html)) == 6,
               f"{name}: one row per result voted on (6)")
            ok(html.count('<tr class="casting">') == 1, f"{name}: one result decided by the chair's casting vote, marked")
            rows = re.findall(r'<tr( class="casting")?><td class="num">\d+</td><td>[^<]*, [^<]*</td>((?:<td>[^<]*</td>)+)</tr>', html)
            ok(all(len(re.findall('<td>', cells)) == 1 + 4 + 2 for _, cells in rows),
               f"{name}: each result has its evaluation, a vote of each of the 4 members present, the outcome and the correction")
            ok("<script>" not in html and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; O&#39;Neil" in html,
               f"{name}: the evaluatee named with markup is escaped, never markup")
            ok('<script>alert("x")' in text, f"{name}: the printed page shows the name's markup as text")

    # a person whose name and position are markup, on a capped wko sheet
    if "wko-non-leadership" in forms:
        emp, q = forms["wko-non-leadership"]
        psql(f"UPDATE ocenka.employee SET full_name = $e${EVIL}$e$ WHERE id = {emp}")
        name = "sheet-escaped-ru"
        html, path = render(name, f"SELECT ocenka.render_sheet({emp}, '{q}', 'ru')")
        text = print_and_check(name, html, path)
        ok("<script>" not in html and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; O&#39;Neil" in html,
           f"{name}: the name is printed as entities, never as markup")
        ok(EVIL in " ".join(text.split()), f"{name}: the printed page shows the name as written")

    if SAMPLES:
        dest = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "docs", "samples")
        os.makedirs(dest, exist_ok=True)
        for n in ("sheet-wko-leadership-ru", "sheet-kpi-kk", "360-heads-kk", "360-employees-en", "plan-kk",
                  "protocol-commission-kk", "protocol-calibration-ru"):
            for ext in (".html", ".page.png"):
                if os.path.exists(os.path.join(OUT, n + ext)):
                    shutil.copy(os.path.join(OUT, n + ext), os.path.join(dest, n + ext.replace(".page", "")))

    print(f"forms-check: {checks - len(failures)} of {checks} checks pass; the forms are in {OUT}")
    sys.exit(1 if failures else 0)


main()
