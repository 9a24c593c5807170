#!/bin/sh
# Rebuilds the engine test classes (JDK 17): lib/ is the classpath, app/ the analysed classes.
set -eu
cd "$(dirname "$0")"
rm -rf lib app
mkdir -p lib app
javac --release 17 -d lib $(find lib-src -name '*.java' | sort)
cp -r lib-res/META-INF lib/
javac --release 17 -cp lib -d app $(find app-src -name '*.java' | sort)
