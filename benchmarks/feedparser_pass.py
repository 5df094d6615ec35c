#!/usr/bin/env python3
"""Parses feed files with Python's feedparser and reports the time spent parsing, import excluded.

    feedparser_pass.py [--timing FILE] FILE...

Prints one line: files, bytes, entries, seconds. With --timing, also writes the seconds to FILE, so
that scripts/bench can scale a sample's parse time to the whole corpus by bytes.
"""

import argparse
import time

import feedparser


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--timing")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()

    documents = []
    for path in args.files:
        with open(path, "rb") as handle:
            documents.append(handle.read())
    entries = 0
    problems = 0
    start = time.perf_counter()
    for document in documents:
        result = feedparser.parse(document)
        entries += len(result.entries)
        problems += bool(result.bozo)
    seconds = time.perf_counter() - start
    if args.timing:
        with open(args.timing, "w") as handle:
            handle.write("%.6f\n" % seconds)
    print("files=%d bytes=%d entries=%d bozo=%d seconds=%.3f" % (
        len(documents), sum(map(len, documents)), entries, problems, seconds))


if __name__ == "__main__":
    main()
