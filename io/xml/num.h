/*
 * num.h - numbers in XML attribute values, locale-free.
 */
#ifndef SIAGA_XMLNUM_H
#define SIAGA_XMLNUM_H

/* An xs:decimal ([+-]digits[.digits], blanks around allowed; text is
 * trimmed in place) into *out.  0, or -1 when it is not one. */
int io_parse_decimal(char *text, double *out);

/* Trim the XML blanks (space, tab, CR, LF: what the schema collapses in
 * numbers and tokens) off both ends of str, in place; returns the first
 * character that is not one.  Never fails. */
char *io_xml_trim(char *str);

#endif
