#!/bin/sh
# Rebuilds the committed seed corpus from the project's own text:
#   Fuzz/corpus/answer/      every ```cnn block of docs/ and the English lessons, every reference,
#                            alternative and recorded wrong answer of Solutions/, and the issues'
#                            reproductions (Fuzz/regressions/answer, kept by hand)
#   (course: also Fuzz/regressions/course)
#   Fuzz/corpus/course/      each lesson, solution file and course.yaml, headed "#file: NAME"
#   Fuzz/corpus/submission/  the submission files of the tests' fixtures
# Run from the repository root. Files are named by a hash of their content, so reruns are stable.
set -eu
out=Fuzz/corpus
rm -rf "$out"
mkdir -p "$out/answer" "$out/course" "$out/submission"

save() {  # save DIR < content
  tmp=$(mktemp)
  cat > "$tmp"
  if [ -s "$tmp" ]; then
    name=$(sha1sum "$tmp" | cut -c1-16)
    mv "$tmp" "$1/$name"
  else
    rm -f "$tmp"
  fi
}

# ```cnn blocks: one file per block.
for file in docs/*.md Lessons/*/lesson.en.md; do
  awk -v prefix="$(mktemp -u)" '
    /^```cnn[ \t]*$/ { inside = 1; n++; name = prefix "-" n; next }
    /^```/ && inside { inside = 0; close(name); print name; next }
    inside { print > name }
  ' "$file" | while read -r block; do save "$out/answer" < "$block"; rm -f "$block"; done
done

# Answers in Solutions/: `reference:`, `answer:` and list items under `alternatives:`.
for file in Solutions/*.yaml; do
  sed -n -e 's/^ *reference: *//p' -e 's/^ *- answer: *//p' -e 's/^ *answer: *//p' "$file" |
    sed -e 's/^"\(.*\)"$/\1/' -e "s/^'\(.*\)'$/\1/" | grep -v '^[|>]' |
    while IFS= read -r line; do printf '%s\n' "$line" | save "$out/answer"; done
done

for file in Fuzz/regressions/answer/*; do save "$out/answer" < "$file"; done
for file in Fuzz/regressions/course/*; do save "$out/course" < "$file"; done

for lesson in Lessons/*/; do
  for language in en ko; do
    [ -f "$lesson/lesson.$language.md" ] &&
      { printf '#file: lesson.%s.md\n' "$language"; cat "$lesson/lesson.$language.md"; } | save "$out/course"
  done
done
for file in Solutions/*.yaml; do { printf '#file: solutions.yaml\n'; cat "$file"; } | save "$out/course"; done
{ printf '#file: course.yaml\n'; cat Lessons/course.yaml; } | save "$out/course"

for file in $(grep -rl '^learner:' Tests/*/Fixtures 2>/dev/null); do save "$out/submission" < "$file"; done
echo "answer: $(ls "$out/answer" | wc -l)  course: $(ls "$out/course" | wc -l)  submission: $(ls "$out/submission" | wc -l)"
