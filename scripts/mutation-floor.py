#!/usr/bin/env python3
"""Mutation scores per package from PIT's XML report, held to their floors.

Usage: mutation-floor.py <target/pit-reports/mutations.xml> <scripts/mutation-floors.txt>

The floors file has one `<package> <percent>` per line (# starts a comment). A package's score is the
share of its mutants that a test detected (PIT's KILLED, TIMEOUT, MEMORY_ERROR, RUN_ERROR). Exit 1 when a
package falls below its floor, when a package with a floor has no mutants in the report, or when the
report has a package without a floor (a new package must get one).
"""
import collections
import sys
import xml.etree.ElementTree as ET


def scores(report):
    detected = collections.Counter()
    total = collections.Counter()
    for mutation in ET.parse(report).getroot().iter("mutation"):
        package = mutation.findtext("mutatedClass").rsplit(".", 1)[0]
        total[package] += 1
        if mutation.get("detected") == "true":
            detected[package] += 1
    return {package: (detected[package], total[package]) for package in total}


def floors(path):
    result = {}
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            line = line.split("#", 1)[0].strip()
            if line:
                package, percent = line.split()
                result[package] = float(percent)
    return result


def main(report, floors_path):
    measured = scores(report)
    wanted = floors(floors_path)
    failures = []
    print(f"{'package':42} {'killed':>7} {'mutants':>7} {'score':>6} {'floor':>6}")
    for package in sorted(set(measured) | set(wanted)):
        killed, total = measured.get(package, (0, 0))
        score = 100.0 * killed / total if total else 0.0
        floor = wanted.get(package)
        print(f"{package:42} {killed:7} {total:7} {score:5.1f}% {'' if floor is None else f'{floor:5.1f}%':>6}")
        if floor is None:
            failures.append(f"{package} has no floor in {floors_path}: add one at {score:.1f}")
        elif total == 0:
            failures.append(f"{package} has a floor but no mutants in the report")
        elif round(score, 1) + 1e-9 < floor:  # floors are written to one decimal, as printed
            failures.append(f"{package} scores {score:.1f}% ({killed}/{total}), below its floor of {floor:.1f}%")
    if failures:
        print("\n".join(["", "Mutation floors not met:"] + failures), file=sys.stderr)
        return 1
    print("Mutation floors met.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
