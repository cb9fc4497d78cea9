#!/bin/sh
# Compile the conformance recorder and record cases with the real Apache Velocity 1.7 jar.
#
#   conformance/recorder/record.sh                      record every case under conformance/cases/velocity
#   conformance/recorder/record.sh PATH...              record the cases under PATH(s)
#   conformance/recorder/record.sh --dry-run PATH...    render and report, write nothing
#   conformance/recorder/record.sh --eval [VARS.json] < t.vm   print both profiles' results
#
# Jars come from ~/.m2/repository (override with M2=...), or set VELOCITY_CLASSPATH to use
# e.g. Debian's /usr/share/java/velocity.jar:/usr/share/java/commons-collections3.jar:/usr/share/java/commons-lang.jar
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
M2=${M2:-$HOME/.m2/repository}
CP=${VELOCITY_CLASSPATH:-$M2/org/apache/velocity/velocity/1.7/velocity-1.7.jar:$M2/commons-collections/commons-collections/3.2.2/commons-collections-3.2.2.jar:$M2/commons-lang/commons-lang/2.4/commons-lang-2.4.jar}
BUILD=$HERE/build
mkdir -p "$BUILD"
if [ ! -f "$BUILD/Recorder.class" ] || [ "$HERE/src/Recorder.java" -nt "$BUILD/Recorder.class" ]; then
    javac -encoding UTF-8 -d "$BUILD" -cp "$CP" "$HERE/src/Recorder.java"
fi
if [ $# -eq 0 ]; then
    set -- "$ROOT/conformance/cases/velocity"
fi
exec java -Dfile.encoding=UTF-8 -cp "$BUILD:$CP" Recorder "$@"
