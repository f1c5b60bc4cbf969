// cmark-gfm, GitHub's CommonMark parser, with its table/strikethrough/autolink extensions
// (Debian's libcmark-gfm-dev and libcmark-gfm-extensions-dev).
#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm-core-extensions.h>
