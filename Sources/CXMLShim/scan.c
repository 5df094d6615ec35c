#include "xmlshim.h"

// NOTE: kept in C because it runs over every byte of every document before libxml2 does; in Swift the
// two separate passes (UTF-8 check, control characters) cost about 5% of a whole corpus parse.
int axml_scan_utf8(const unsigned char *buf, size_t len, size_t *controls, int *non_ascii) {
    size_t i = 0, ctl = 0;
    int valid = 1, high = 0;
    while (i < len) {
        unsigned char b = buf[i];
        if (b < 0x80) {
            if (b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D) ctl++;
            i++;
            continue;
        }
        high = 1;
        if (!valid) { i++; continue; }
        size_t need;
        if (b >= 0xC2 && b <= 0xDF) need = 1;
        else if (b >= 0xE0 && b <= 0xEF) need = 2;
        else if (b >= 0xF0 && b <= 0xF4) need = 3;
        else { valid = 0; i++; continue; }
        if (i + need >= len) { valid = 0; i++; continue; }
        unsigned char b1 = buf[i + 1];
        if ((b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 > 0x9F) || (b == 0xF0 && b1 < 0x90) || (b == 0xF4 && b1 > 0x8F)) {
            valid = 0; i++; continue;
        }
        int ok = 1;
        for (size_t k = 1; k <= need; k++) if ((buf[i + k] & 0xC0) != 0x80) { ok = 0; break; }
        if (!ok) { valid = 0; i++; continue; }
        i += need + 1;
    }
    *controls = ctl;
    *non_ascii = high;
    return valid;
}
