// Swift's Glibc module does not declare wcwidth (it needs _XOPEN_SOURCE); this shim does.
#define _XOPEN_SOURCE 700
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include "CWidth.h"

int cwidth_wcwidth(wchar_t c) {
    // wcwidth answers -1 for every non-ASCII character unless LC_CTYPE is UTF-8; make sure it is
    // (a process that set a UTF-8 locale itself, like the terminal UI, keeps its own).
    static int ready = 0;
    if (!ready) {
        const char *current = setlocale(LC_CTYPE, NULL);
        if (current == NULL || (strstr(current, "UTF-8") == NULL && strstr(current, "utf8") == NULL)) {
            setlocale(LC_CTYPE, "C.UTF-8");
        }
        ready = 1;
    }
    return wcwidth(c);
}
