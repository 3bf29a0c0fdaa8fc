/*
 * num.h - numbers in XML attribute values, locale-free.
 */
#ifndef SIAGA_XMLNUM_H
#define SIAGA_XMLNUM_H

/* An xs:decimal ([+-]digits[.digits], blanks around allowed; text is
 * trimmed in place) into *out.  0, or -1 when it is not one. */
int io_parse_decimal(char *text, double *out);

#endif
