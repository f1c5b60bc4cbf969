// libedit (BSD editline) through its native histedit.h API (Debian's libedit-dev).
#include <stdio.h>
#include <histedit.h>

// el_set, el_get and history are variadic, which Swift cannot call; these wrappers fix the
// argument lists the Terminal module needs.
static inline int cnn_el_set_prompt(EditLine *e, char *(*prompt)(EditLine *)) {
    return el_set(e, EL_PROMPT, prompt);
}
static inline int cnn_el_set_editor(EditLine *e, const char *mode) {
    return el_set(e, EL_EDITOR, mode);
}
static inline int cnn_el_set_hist(EditLine *e, History *h) {
    return el_set(e, EL_HIST, history, h);
}
static inline int cnn_el_set_signal(EditLine *e, int on) {
    return el_set(e, EL_SIGNAL, on);
}
static inline int cnn_el_set_clientdata(EditLine *e, void *data) {
    return el_set(e, EL_CLIENTDATA, data);
}
static inline void *cnn_el_get_clientdata(EditLine *e) {
    void *data = NULL;
    el_get(e, EL_CLIENTDATA, &data);
    return data;
}
static inline int cnn_el_addfn(EditLine *e, const char *name, const char *help,
                               unsigned char (*fn)(EditLine *, int)) {
    return el_set(e, EL_ADDFN, name, help, fn);
}
static inline int cnn_el_bind(EditLine *e, const char *key, const char *fn) {
    return el_set(e, EL_BIND, key, fn, NULL);
}
static inline int cnn_history_setsize(History *h, HistEvent *ev, int size) {
    return history(h, ev, H_SETSIZE, size);
}
static inline int cnn_history_setunique(History *h, HistEvent *ev, int unique) {
    return history(h, ev, H_SETUNIQUE, unique);
}
static inline int cnn_history_enter(History *h, HistEvent *ev, const char *line) {
    return history(h, ev, H_ENTER, line);
}
static inline int cnn_history_load(History *h, HistEvent *ev, const char *path) {
    return history(h, ev, H_LOAD, path);
}
static inline int cnn_history_save(History *h, HistEvent *ev, const char *path) {
    return history(h, ev, H_SAVE, path);
}

// Used by the Terminal module beyond the editor itself.
#include <locale.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

// The prompt may contain escape codes between two `literal` characters (EL_PROMPT_ESC), which
// libedit then does not count as columns.
static inline int cnn_el_set_prompt_esc(EditLine *e, char *(*prompt)(EditLine *), char literal) {
    return el_set(e, EL_PROMPT_ESC, prompt, literal);
}
// `setty` for the editor's terminal modes, e.g. ("-d", "-isig"): no signal keys while editing.
static inline int cnn_el_setty(EditLine *e, const char *a, const char *b) {
    return el_set(e, EL_SETTY, a, b, NULL);
}
static inline int cnn_history_last(History *h, HistEvent *ev) {
    return history(h, ev, H_LAST);
}
static inline int cnn_history_prev(History *h, HistEvent *ev) {
    return history(h, ev, H_PREV);
}

// The standard streams are mutable C globals, which Swift 6 will not touch directly.
static inline FILE *cnn_stdin(void) { return stdin; }
static inline FILE *cnn_stdout(void) { return stdout; }
static inline FILE *cnn_stderr(void) { return stderr; }

// ioctl is variadic; TIOCGWINSZ asks the terminal on `fd` for its size (0 on success).
static inline int cnn_terminal_size(int fd, int *columns, int *rows) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0 || size.ws_col == 0) return -1;
    *columns = size.ws_col;
    *rows = size.ws_row;
    return 0;
}

// Sets the size a terminal reports (the program side of a pseudo-terminal, in tests).
static inline int cnn_terminal_set_size(int fd, int columns, int rows) {
    struct winsize size = {0};
    size.ws_col = (unsigned short)columns;
    size.ws_row = (unsigned short)rows;
    return ioctl(fd, TIOCSWINSZ, &size);
}

#ifdef __linux__
#include <fcntl.h>
// Opens a pseudo-terminal pair (what tests use to drive the line editor as a user would).
// posix_openpt/grantpt/ptsname are hidden from Swift by glibc's feature macros; this is the
// same thing through /dev/ptmx.
static inline int cnn_open_pseudo_terminal(int *master, int *slave) {
    int m = open("/dev/ptmx", O_RDWR | O_NOCTTY);
    if (m < 0) return -1;
    int unlock = 0;
    unsigned int number = 0;
    char name[64];
    if (ioctl(m, TIOCSPTLCK, &unlock) != 0 || ioctl(m, TIOCGPTN, &number) != 0) {
        close(m);
        return -1;
    }
    snprintf(name, sizeof name, "/dev/pts/%u", number);
    int s = open(name, O_RDWR | O_NOCTTY);
    if (s < 0) {
        close(m);
        return -1;
    }
    *master = m;
    *slave = s;
    return 0;
}
#endif
