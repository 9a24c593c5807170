#!/bin/sh
# Recompiles the committed class files of tests/data/bytecode from src/ (javac 17, --release 17, default debug info:
# lines and source file). Run from anywhere; the outputs are committed so tests never need a JDK.
set -eu
cd "$(dirname "$0")"
rm -rf classes && mkdir -p classes/module
javac --release 17 -d classes src/fixture/*.java
javac --release 17 -d classes/module src/module/module-info.java src/module/fixture/mod/api/Api.java
cp /usr/share/java/asm-9.4.jar asm.jar 2>/dev/null || true
