#!/usr/bin/env bash
# The Python wheel as a JVM team would get it (pyproject.toml: maturin, `bindings = "bin"`): build it, install it into
# a fresh virtual environment, and run `archrules --version` and the README's demo from there, not from cargo's
# target/. maturin comes from PyPI into target/maturin-venv when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
tools=target/maturin-venv
if ! [ -x "$tools/bin/maturin" ]; then
  python3 -m venv "$tools"
  "$tools/bin/pip" install --quiet 'maturin>=1.5,<2'
fi
rm -rf target/wheels
# The dev profile reuses `cargo test`'s build of the binary: what is checked here is the packaging, not the speed
# (a release wheel is `maturin build --release`).
"$tools/bin/maturin" build --profile dev --strip --out target/wheels
fresh=target/wheel-venv
rm -rf "$fresh"
python3 -m venv "$fresh"
"$fresh/bin/pip" install --quiet --no-index target/wheels/archrules-*.whl
installed="$fresh/bin/archrules"
"$installed" --version
"$installed" check fixtures/demo/classes --classpath fixtures/demo/lib --summary failed
