#!/bin/sh
# Regenerates the reference data in this directory from real Java (JDK 17) and the
# Velocity 1.7 jar. Needs JDK 17 (javac, java) and the jars under ~/.m2/repository named
# below: Velocity 1.7 with its dependencies, and Jackson for JSON.
set -eu
cd "$(dirname "$0")"
M2="${M2:-$HOME/.m2/repository}"
CP="$M2/org/apache/velocity/velocity/1.7/velocity-1.7.jar"
CP="$CP:$M2/commons-collections/commons-collections/3.2.2/commons-collections-3.2.2.jar"
CP="$CP:$M2/commons-lang/commons-lang/2.6/commons-lang-2.6.jar"
for j in databind core annotations; do
  CP="$CP:$M2/com/fasterxml/jackson/core/jackson-$j/2.17.2/jackson-$j-2.17.2.jar"
done
BUILD="$(mktemp -d)"
trap 'rm -rf "$BUILD"' EXIT
javac -nowarn -d "$BUILD" -cp "$CP" ./*.java 2>&1 | grep -v '^Note:' || true
# Double.toString for many doubles (see DoubleToString.java).
java -cp "$BUILD" DoubleToString > doubles.tsv
# Float.toString/toHexString and the float a long, BigInteger, BigDecimal, string or double
# rounds to (writes floats.tsv and float_rounding.tsv; see FloatToString.java).
java -cp "$BUILD" FloatToString
# Unicode case mappings that differ from identity (see CaseMappings.java), and the
# table of code points where Python's mappings differ from them (vtl/java/casing_tables.py).
java -cp "$BUILD" CaseMappings > casing.tsv
python3 make_casing.py
# Velocity 1.7 renders the engine-level cases (inputs written by make_cases.py).
python3 make_cases.py > velocity_cases.in.jsonl
java -cp "$BUILD:$CP" VelocityOracle < velocity_cases.in.jsonl > velocity_cases.out.jsonl
# String.format through Velocity 1.7, locale en_US (inputs written by make_format_cases.py).
python3 make_format_cases.py > format_cases.in.jsonl
java -Duser.language=en -Duser.country=US -cp "$BUILD:$CP" VelocityOracle \
  < format_cases.in.jsonl > format_cases.out.jsonl
