#!/bin/sh
# Record API Gateway conformance cases (conformance/cases/apigateway) with the real jars:
# Velocity 1.7 under the apigateway profile (Recorder.engine), Jayway JsonPath 2.10.0 with
# json-smart 2.6.0, Commons Lang 2.6, and the JDK's URLEncoder/URLDecoder/Base64.
#
#   conformance/recorder/record_apigw.sh                     record every API Gateway case
#   conformance/recorder/record_apigw.sh PATH...             record the cases under PATH(s)
#   conformance/recorder/record_apigw.sh --dry-run PATH...   render and report, write nothing
#   conformance/recorder/record_apigw.sh --eval [EVENT.json] < t.vm   try a template
#   conformance/recorder/record_apigw.sh --probe parse|path|util       library probes (apigw_probe_data.py)
#
# Jars come from ~/.m2/repository (override with M2=...).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
M2=${M2:-$HOME/.m2/repository}
CP=$M2/org/apache/velocity/velocity/1.7/velocity-1.7.jar
CP=$CP:$M2/commons-collections/commons-collections/3.2.2/commons-collections-3.2.2.jar
CP=$CP:$M2/commons-lang/commons-lang/2.6/commons-lang-2.6.jar
CP=$CP:$M2/com/jayway/jsonpath/json-path/2.10.0/json-path-2.10.0.jar
CP=$CP:$M2/net/minidev/json-smart/2.6.0/json-smart-2.6.0.jar
CP=$CP:$M2/net/minidev/accessors-smart/2.5.2/accessors-smart-2.5.2.jar
CP=$CP:$M2/org/ow2/asm/asm/9.7.1/asm-9.7.1.jar
CP=$CP:$M2/org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar
CP=$CP:$M2/org/slf4j/slf4j-nop/2.0.17/slf4j-nop-2.0.17.jar
BUILD=$HERE/build/apigw
mkdir -p "$BUILD"
if [ ! -f "$BUILD/ApigwRecorder.class" ] || [ "$HERE/src/ApigwRecorder.java" -nt "$BUILD/ApigwRecorder.class" ] \
        || [ "$HERE/src/Recorder.java" -nt "$BUILD/ApigwRecorder.class" ]; then
    javac -encoding UTF-8 -d "$BUILD" -cp "$CP" "$HERE/src/Recorder.java" "$HERE/src/ApigwRecorder.java"
fi
case "${1:-}" in
    --eval|--probe) ;;
    *)  has_path=0
        for a in "$@"; do
            case $a in --*) ;; *) has_path=1 ;; esac
        done
        if [ $has_path -eq 0 ]; then
            set -- "$@" "$ROOT/conformance/cases/apigateway"
        fi ;;
esac
exec java -Dfile.encoding=UTF-8 -cp "$BUILD:$CP" ApigwRecorder "$@"
