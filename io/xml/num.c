/*
 * num.c - numbers in XML attribute values, read without the C locale
 * (main may have set one with a decimal comma): one parser for every
 * reader.
 */
#include "io/xml/num.h"

#include <stdint.h>
#include <string.h>

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

char *io_xml_trim(char *str)
{
    while (is_blank(*str))
        str++;
    size_t n = strlen(str);
    while (n > 0 && is_blank(str[n - 1]))
        str[--n] = '\0';
    return str;
}

/* An xs:decimal ([+-]digits[.digits]), read without the C locale, which
 * main may have changed.  The first 18 significant digits are kept, which
 * is exact for any coordinate or radius a person writes. */
int io_parse_decimal(char *text, double *out)
{
    static const double POW10[] = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    const char *p = io_xml_trim(text);
    int neg = 0, digits = 0, sig = 0, exp10 = 0, seen_point = 0;
    uint64_t m = 0;
    if (*p == '+' || *p == '-')
        neg = *p++ == '-';
    for (; *p != '\0'; p++) {
        if (*p == '.' && !seen_point) {
            seen_point = 1;
            continue;
        }
        if (*p < '0' || *p > '9')
            return -1;
        digits++;
        if (sig < 18) {
            if (m != 0 || *p != '0')
                sig++;
            m = m * 10 + (uint64_t)(*p - '0');
            if (seen_point)
                exp10--;
        } else if (!seen_point) {
            exp10++;
        }
    }
    if (digits == 0)
        return -1;
    double v = (double)m;
    while (exp10 < 0) {
        int k = -exp10 > 22 ? 22 : -exp10;
        v /= POW10[k];
        exp10 += k;
    }
    while (exp10 > 0) {
        int k = exp10 > 22 ? 22 : exp10;
        v *= POW10[k];
        exp10 -= k;
    }
    *out = neg ? -v : v;
    return 0;
}
