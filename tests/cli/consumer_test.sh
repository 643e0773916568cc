#!/bin/sh
# consumer_test.sh CMAKE BUILD_DIR EXAMPLES_DIR WORK_DIR
#
# Installs the built fahras into WORK_DIR/install, builds examples/ against it from a
# scratch directory as an outside project would (find_package(fahras)), and runs it.
set -e
cmake=$1
build=$2
examples=$3
work=$4
rm -rf "$work"
mkdir -p "$work"
"$cmake" --install "$build" --prefix "$work/install" > "$work/install.log"
"$cmake" -S "$examples" -B "$work/build" -DCMAKE_PREFIX_PATH="$work/install" \
    -DCMAKE_BUILD_TYPE=Release > "$work/configure.log"
"$cmake" --build "$work/build" > "$work/build.log"
"$work/build/search_example" "$work/index"
