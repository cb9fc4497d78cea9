#!/bin/sh
# Record the Java side of the pipeline conformance cases (conformance/cases/pipeline):
# Java regex Pattern.matches for selection patterns, Jayway JsonPath 2.10.0 (json-smart
# 2.6.0) for integration.response.body.JSONPATH. Writes java.recorded.json beside every
# java.json (written by conformance/tools/pipeline_cases.py).
#
#   conformance/recorder/record_pipeline.sh                 record every case
#   conformance/recorder/record_pipeline.sh PATH...         record the cases under PATH(s)
#   conformance/recorder/record_pipeline.sh --dry-run       print, write nothing
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
M2=${M2:-$HOME/.m2/repository}
CP=$M2/com/jayway/jsonpath/json-path/2.10.0/json-path-2.10.0.jar
CP=$CP:$M2/net/minidev/json-smart/2.6.0/json-smart-2.6.0.jar
CP=$CP:$M2/net/minidev/accessors-smart/2.5.2/accessors-smart-2.5.2.jar
CP=$CP:$M2/org/ow2/asm/asm/9.7.1/asm-9.7.1.jar
CP=$CP:$M2/org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar
CP=$CP:$M2/org/slf4j/slf4j-nop/2.0.17/slf4j-nop-2.0.17.jar
BUILD=$HERE/build/pipeline
mkdir -p "$BUILD"
if [ ! -f "$BUILD/PipelineRecorder.class" ] || [ "$HERE/src/PipelineRecorder.java" -nt "$BUILD/PipelineRecorder.class" ]; then
    javac -encoding UTF-8 -d "$BUILD" -cp "$CP" "$HERE/src/PipelineRecorder.java"
fi
has_path=0
for a in "$@"; do
    case $a in --*) ;; *) has_path=1 ;; esac
done
if [ $has_path -eq 0 ]; then
    set -- "$@" "$ROOT/conformance/cases/pipeline"
fi
exec java -Dfile.encoding=UTF-8 -cp "$BUILD:$CP" PipelineRecorder "$@"
