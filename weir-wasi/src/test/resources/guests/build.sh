#!/bin/sh
# Rebuilds the committed guest programs (see DEVELOPERS.md for the toolchains).
set -e
cd "$(dirname "$0")"
clang --target=wasm32-wasi -O2 -s -o fsdemo-c.wasm fsdemo.c
/usr/bin/rustc --target wasm32-wasi -O -C strip=symbols -o fsdemo-rs.wasm fsdemo.rs
