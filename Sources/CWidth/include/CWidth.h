#ifndef CWIDTH_H
#define CWIDTH_H
#include <wchar.h>
/// Columns a Unicode scalar takes in a terminal (glibc's wcwidth under a UTF-8 LC_CTYPE):
/// 2 for East-Asian wide and full-width, 0 for combining marks, -1 for control characters.
int cwidth_wcwidth(wchar_t c);
#endif
