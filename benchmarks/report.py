#!/usr/bin/env python3
"""Turns the measurements of scripts/bench (runs.tsv, rows.tsv, load.txt) into benchmarks/RESULTS.md.

    report.py --work DIR --corpus DIR --runs N --aggregate PATH --mode full|quick --out FILE
"""

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess


def command_output(*command):
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return None
    text = (result.stdout or result.stderr).strip()
    return text.splitlines()[0].strip() if result.returncode == 0 and text else None


def read_tsv(path):
    with open(path, encoding="utf-8") as handle:
        header = handle.readline().rstrip("\n").split("\t")
        return [dict(zip(header, line.rstrip("\n").split("\t"))) for line in handle if line.strip()]


def machine_facts(aggregate):
    cpu = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = "unknown"
    with open("/proc/meminfo", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("MemTotal:"):
                memory = "%.1f GiB" % (int(line.split()[1]) / 1024 / 1024)
    system = platform.platform()
    if os.path.exists("/etc/os-release"):
        with open("/etc/os-release", encoding="utf-8") as handle:
            names = dict(line.rstrip("\n").split("=", 1) for line in handle if "=" in line)
        system = "%s, kernel %s" % (names.get("PRETTY_NAME", "?").strip('"'), platform.release())
    feedparser = command_output("python3", "-c", "import feedparser; print(feedparser.__version__)")
    aggregate_version = None
    if os.access(aggregate, os.X_OK):
        aggregate_version = command_output(aggregate, "--version") or "present, no --version"
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    commit = command_output("git", "-C", root, "log", "-1", "--format=%h %s")
    return [
        ("date", datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")),
        ("CPU", cpu),
        ("cores", str(os.cpu_count())),
        ("memory", memory),
        ("system", system),
        ("libxml2", "%s (xmllint: %s)" % (command_output("pkg-config", "--modversion", "libxml-2.0"),
                                         command_output("xmllint", "--version"))),
        ("sfeed", command_output("dpkg-query", "-W", "-f", "${Version}", "sfeed") or "unknown"),
        ("feedparser", feedparser or "missing"),
        ("curl", command_output("curl", "--version")),
        ("Python", platform.python_version()),
        ("C compiler", command_output("cc", "--version")),
        ("aggregate", "%s: %s" % (aggregate, aggregate_version or "not available")),
        ("source commit", commit or "unknown"),
    ]


class Measurement:
    def __init__(self, row, runs):
        self.row = row
        self.runs = runs
        scale = float(row["scale"])
        walls = [float(r["wall_s"]) for r in runs]
        self.ok = row["status"] == "ok" and bool(runs)
        self.time = statistics.median(walls) * scale if self.ok else None
        # A scaled sample's CPU time includes its interpreter's start, which scaling would multiply: left out.
        self.cpu = statistics.median(float(r["user_s"]) + float(r["sys_s"]) for r in runs) if self.ok and scale == 1 else None
        self.rss_mb = statistics.median(int(r["rss_kb"]) for r in runs) / 1024 if self.ok else None
        self.spread = (max(walls) - min(walls)) / statistics.median(walls) if self.ok and len(walls) > 1 and statistics.median(walls) > 0 else None
        self.bytes = int(row["bytes"] or 0)
        self.items = int(row["items"] or 0)


def number(value, digits=2):
    if value is None:
        return "—"
    if value >= 100:
        return "{:,.0f}".format(value)
    return "{:.{d}f}".format(value, d=digits)


def paired_ratio(m, runs):
    """The median of a measurement's runs each divided by the raw pass timed just before it ("beside-ID"), or None."""
    beside = {r["run"]: float(r["wall_s"]) for r in runs if r["id"] == "beside-" + m.row["id"]}
    pairs = [float(r["wall_s"]) / beside[r["run"]] for r in m.runs if beside.get(r["run"])]
    return statistics.median(pairs) if m.ok and pairs else None


def table(measurements, references, cpu_reference=None, beside=None):
    """A Markdown table; `references` are (measurement, name) pairs, each giving a "× name" ratio column.

    `cpu_reference` adds a ratio of CPU times, which other processes on the machine disturb less than wall times.
    `beside` (all runs) adds the median ratio to the raw passes timed beside a measurement's runs, where there are some.
    """
    names = ["× " + name for _, name in references] + (["× %s, CPU" % cpu_reference[1]] if cpu_reference else [])
    names += ["× libxml2 SAX2 beside"] if beside is not None else []
    lines = ["| measurement | time (s) | CPU (s) | MB/s | items/s | peak RSS (MB) | %s | spread | notes |" % " | ".join(names),
             "| --- | ---: | ---: | ---: | ---: | ---: | %s | ---: | --- |" % " | ".join("---:" for _ in names)]
    for m in measurements:
        if not m.ok:
            lines.append("| %s | %s | %s |" % (m.row["label"], " | ".join(["—"] * (6 + len(names))), m.row["note"] or "not available"))
            continue
        megabytes = m.bytes / 1e6 / m.time if m.bytes and m.time else None
        items = m.items / m.time if m.items and m.time else None
        ratios = []
        for reference, _ in references:
            usable = reference is not None and reference.ok and reference.time
            ratios.append(number(m.time / reference.time, 2) if usable else "—")
        if cpu_reference:
            reference = cpu_reference[0]
            usable = reference is not None and reference.ok and reference.cpu and m.cpu is not None
            ratios.append(number(m.cpu / reference.cpu, 2) if usable else "—")
        if beside is not None:
            ratios.append(number(paired_ratio(m, beside), 2))
        spread = "%.0f%%" % (100 * m.spread) if m.spread is not None else "—"
        lines.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            m.row["label"], number(m.time, 3), number(m.cpu, 3), number(megabytes, 1), number(items, 0),
            number(m.rss_mb, 1), " | ".join(ratios), spread, m.row["note"]))
    return lines


def load_notes(work):
    values = {}
    path = os.path.join(work, "load.txt")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                key, _, value = line.rstrip("\n").partition(" ")
                values[key] = value.strip()
    notes = []
    for moment in ("start", "end"):
        if moment + "-busy" in values:
            notes.append("At the %s, the machine's cores were %s%% busy apart from the benchmark (load average %s)%s." % (
                moment, values[moment + "-busy"], values.get(moment + "-loadavg", "?"),
                "; busiest processes: " + values[moment + "-top"] if values.get(moment + "-top") else ""))
    if values.get("devnull") == "file":
        # Seen on one machine: /dev/null replaced by a regular file on a tmpfs, so what `parse --json` prints
        # (200 MB) went into memory and cost ~8% of its time. rawpass prints nothing.
        notes.append("Warning: /dev/null is not a character device here; output written to it costs time and memory.")
    busy = max((int(values[k]) for k in ("start-busy", "end-busy") if k in values), default=0)
    noisy = busy >= 20
    return notes, noisy


def two_at_once(runs):
    """What the raw passes timed beside the cold runs say of the two cores: one pass alone, then one on each core at once."""
    alone = [float(r["wall_s"]) for r in runs if r["id"] == "beside-run-cold"]
    pairs = {}
    for r in runs:
        if r["id"] == "pair-run-cold":
            pairs[r["run"]] = max(pairs.get(r["run"], 0), float(r["wall_s"]))
    if not alone or not pairs:
        return None
    single, both = statistics.median(alone), statistics.median(pairs.values())
    return "Beside each cold run, one raw SAX2 pass took %.3f s (median), and one on each core at once %.3f s (the slower of the two): %s." % (
        single, both, "the two cores ran as two" if both <= single * 1.05 else
        "running together slowed each by %.0f%%, which a run on two threads pays and a one-thread pass does not" % (100 * (both / single - 1)))


def core_distance(work, runs):
    """The cache line round trips between the two cores, and the reads from memory on each, timed beside the cold
    runs, run by run with the run's time."""
    path = os.path.join(work, "pingpong.tsv")
    if not os.path.exists(path):
        return None
    rows = {r["run"]: r for r in read_tsv(path) if r["id"] == "pair-run-cold" and r["round_trip_ns"]}
    colds = {r["run"]: float(r["wall_s"]) for r in runs if r["id"] == "run-cold"}

    def conditions(row):
        memory = " and %s/%s ns a read" % (row["memory_ns_0"], row["memory_ns_1"]) if row.get("memory_ns_0") else ""
        return "%s ns%s" % (row["round_trip_ns"], memory)

    pairs = ["%.3f s at %s" % (colds[run], conditions(rows[run])) for run in sorted(rows, key=int) if run in colds]
    if not pairs:
        return None
    memories = [float(v) for r in rows.values() for v in (r.get("memory_ns_0"), r.get("memory_ns_1")) if v]
    memory = (" and a read from memory (`benchmarks/memlat.c`, a chain of reads through 64 MB, on core 0/core 1) in a "
              "median of %.0f ns" % statistics.median(memories)) if memories else ""
    return ("A cache line went from one core to the other and back (`benchmarks/pingpong.c`, just before each cold "
            "run) in a median of %s ns%s; each cold run, with those: %s. The host places the two cores nearer "
            "or farther apart, and lends its caches and memory to other tenants, from minute to minute: a run whose "
            "two threads hand data to each other and read widely apart pays for it where a one-thread pass streaming "
            "through a file does not." % ("%.0f" % statistics.median(float(r["round_trip_ns"]) for r in rows.values()),
                                          memory, "; ".join(pairs)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", required=True)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--runs", type=int, required=True)
    parser.add_argument("--aggregate", required=True)
    parser.add_argument("--mode", default="full")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    with open(os.path.join(args.corpus, "summary.json"), encoding="utf-8") as handle:
        corpus = json.load(handle)
    runs = read_tsv(os.path.join(args.work, "runs.tsv"))
    rows = read_tsv(os.path.join(args.work, "rows.tsv"))
    measurements = [Measurement(row, [r for r in runs if r["id"] == row["id"]]) for row in rows]
    by_id = {m.row["id"]: m for m in measurements}

    out = ["# Benchmark results", ""]
    out.append("Written by `scripts/bench%s` (see `benchmarks/README.md`). Times are medians of %d run%s; "
               "\"× libxml2 SAX2\" divides a time by libxml2's raw SAX2 pass over the same bytes, so 1.00 is the floor "
               "a libxml2-based parser stands on." % (" --quick" if args.mode == "quick" else "", args.runs, "" if args.runs == 1 else "s"))
    out += ["", "## Machine", "", "| fact | value |", "| --- | --- |"]
    out += ["| %s | %s |" % (key, (value or "unknown").replace("|", "/")) for key, value in machine_facts(args.aggregate)]

    out += ["", "## Corpus", ""]
    out.append("%d feeds, %.1f MB, %d items, generated by `benchmarks/gen_corpus.py` (seed %d, version %d): formats %s; "
               "encodings %s; primary languages %s; %d stories repeated across 2–4 feeds fill %d item slots (%.1f%%). "
               "Since version 4, headline words follow Zipf's law and each headline carries one or two rare made-up "
               "names (see benchmarks/README.md); version 3's uniformly drawn headline words made every word common." % (
                   corpus["feeds"], corpus["bytes"] / 1e6, corpus["items"], corpus["seed"], corpus["generator_version"],
                   ", ".join("%s %d" % kv for kv in sorted(corpus["formats"].items())),
                   ", ".join("%s %d" % kv for kv in sorted(corpus["encodings"].items())),
                   ", ".join("%s %d" % kv for kv in sorted(corpus["languages"].items())),
                   corpus["shared_stories"], corpus["shared_item_slots"], 100 * corpus["shared_item_slots"] / corpus["items"]))

    parse = [m for m in measurements if m.row["table"] == "parse"]
    out += ["", "## Parsing the corpus from local files", ""]
    out += table(parse, [(by_id.get("sax"), "libxml2 SAX2")], cpu_reference=(by_id.get("sax"), "libxml2 SAX2"), beside=runs)
    out += ["", "CPU is user + system time; with two cores it can exceed the wall time, and on a busy machine it is "
            "the steadier figure (the \"CPU\" ratio column divides CPU times). \"× libxml2 SAX2 beside\" pairs each run "
            "with a raw SAX2 pass timed just before it (pinned to the same core for the one-core parse) and gives the "
            "median of the pairs' ratios: the machine's speed drifts over minutes, and the raw pass of the first row "
            "was timed minutes earlier. Peak RSS is GNU time's maximum resident "
            "set of the process (for a shell loop, of its largest child). feedparser's CPU is not shown: its sample's "
            "process time includes the interpreter's start, which scaling would multiply."]

    fetch = [m for m in measurements if m.row["table"] == "fetch"]
    if fetch:
        out += ["", "## Fetching the corpus from 127.0.0.1", ""]
        out.append("`benchmarks/serve.py` serves the corpus (ETag, Last-Modified, 304) from memory, with an added latency "
                   "before each response. The server runs on the same two cores as the client, so these times include "
                   "its share of the CPU. \"× curl --parallel\" divides by one curl process fetching the same URLs with 16 "
                   "transfers at once; \"× libxml2 SAX2\" by the raw parse of the corpus from local files. Peak RSS of "
                   "`xargs` rows is that of the largest single curl. Rows with 304s transfer no body: no MB/s, no items/s.")
        latencies = []
        for m in fetch:
            tag = m.row["id"].rsplit("-", 1)[-1]
            if tag not in latencies:
                latencies.append(tag)
        for tag in latencies:
            group = [m for m in fetch if m.row["id"].endswith("-" + tag)]
            out += ["", "### Added latency: %s" % tag.replace("ms", " ms"), ""]
            latency = float(tag.rstrip("ms") or 0)
            if latency:
                out += ["Floor set by the latency alone with 16 transfers at once: %d × %g ms / 16 = %.2f s." % (
                    corpus["feeds"], latency, corpus["feeds"] * latency / 1000 / 16), ""]
            out += table(group, [(by_id.get("parallel-" + tag), "curl --parallel"), (by_id.get("sax"), "libxml2 SAX2")])

    curve = [m for m in measurements if m.row["table"] == "curve"]
    if curve:
        out += ["", "## Memory curve: peak RSS of a cold `aggregate run` (one run each)", "",
                "| feeds | MB | items | time (s) | peak RSS (MB) | libxml2 SAX2 pass peak RSS (MB) | notes |",
                "| ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
        for m in curve:
            size = m.row["id"].split("-")[-1]
            sax_runs = [r for r in runs if r["id"] == "curve-sax-" + size]
            sax_rss = "%.1f" % (int(sax_runs[0]["rss_kb"]) / 1024) if sax_runs else "—"
            if m.ok:
                out.append("| %s | %.1f | %d | %s | %s | %s | %s |" % (size, m.bytes / 1e6, m.items, number(m.time, 2),
                                                                    number(m.rss_mb, 1), sax_rss, m.row["note"]))
            else:
                out.append("| %s | — | — | — | — | %s | %s |" % (size, sax_rss, m.row["note"]))

    notes, noisy = load_notes(args.work)
    pair_note = two_at_once(runs)
    if pair_note:
        notes.append(pair_note)
    distance_note = core_distance(args.work, runs)
    if distance_note:
        notes.append(distance_note)
    out += ["", "## Conditions", ""]
    if noisy:
        out.append("**Numbers may be noisy:** other work (compilers of parallel development) shared the machine's two "
                   "cores during this run; compare rows measured together rather than across runs, and see the spread column.")
        out.append("")
    out += ["- " + note for note in notes]
    out.append("")
    with open(args.out, "w", encoding="utf-8") as handle:
        handle.write("\n".join(out))


if __name__ == "__main__":
    main()
