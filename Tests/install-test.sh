#!/bin/sh
# Installs cnntutor into a temporary PREFIX as a user would, runs it from another directory with
# only that prefix's bin on PATH, uninstalls, and checks that nothing is left behind.
# Run by `make install-test` (after the release build `make install` needs).
set -eu
repo=$(pwd)
prefix=$(mktemp -d /tmp/cnntutor-prefix.XXXXXX)
elsewhere=$(mktemp -d /tmp/cnntutor-elsewhere.XXXXXX)
trap 'rm -rf "$prefix" "$elsewhere"' EXIT
fail() { echo "install-test: $*" >&2; exit 1; }

make -s -C "$repo" install PREFIX="$prefix" >/dev/null
cd "$elsewhere"
export PATH="$prefix/bin:/usr/bin:/bin"
unset CNNTUTOR_COURSE
export CNNTUTOR_DATA_DIR="$elsewhere/data"

cnntutor --help | grep -q "USAGE: cnntutor" || fail "cnntutor --help"
cnntutor check >check.out || fail "cnntutor check: $(cat check.out)"
grep -q "no problems" check.out || fail "check did not find the installed course"
cnntutor export-key --format md --out key.md || fail "export-key"
[ -s key.md ] || fail "export-key wrote nothing"
printf ':quit\n' | cnntutor >learn.out 2>&1 || fail "learn: $(cat learn.out)"
grep -q "Bye!" learn.out || fail "learn did not start: $(cat learn.out)"
if [ -d "$repo/Sources/Wording/Catalogs" ]; then
  # The installed binary finds its message catalogs: a Korean error says 오류, not its key.
  cnntutor eval '1 +' --lang ko >eval.out 2>&1 || true
  grep -q "오류" eval.out || fail "catalogs not found: $(cat eval.out)"
fi
MANWIDTH=80 man -l "$prefix/share/man/man1/cnntutor.1" 2>/dev/null | grep -q "cnntutor" \
  || fail "man -l cnntutor.1"
for file in share/bash-completion/completions/cnntutor share/zsh/site-functions/_cnntutor \
  share/fish/vendor_completions.d/cnntutor.fish share/cnntutor/course.yaml \
  share/cnntutor/Solutions/02-filters.yaml share/cnntutor/data; do
  [ -e "$prefix/$file" ] || fail "missing $file"
done

# No course anywhere: says where it looked, exit 2, no fake position.
mv "$prefix/share/cnntutor" "$prefix/share/cnntutor.away"
set +e
cnntutor check >none.out 2>&1
status=$?
set -e
mv "$prefix/share/cnntutor.away" "$prefix/share/cnntutor"
[ "$status" = 2 ] || fail "no course: exit $status"
grep -q "Looked for course.yaml in" none.out || fail "no course: $(cat none.out)"
grep -q -- "--course" none.out || fail "no course: no word of --course"
if grep -q ":1:1:" none.out; then fail "no course: a fake position"; fi

cd "$repo"
make -s uninstall PREFIX="$prefix" >/dev/null
left=$(find "$prefix" -type f -o -type l)
[ -z "$left" ] || fail "uninstall left: $left"
echo "install-test: installed, ran from $elsewhere, uninstalled cleanly"
