/*
 * card_payload.h - the text a duty card's QR code holds (README "Choices
 * where the formats are silent", "Duty cards"), its reader and the roster
 * fingerprint it carries:
 *
 *   SIAGA1|<member id>|<place>|<roster hash>
 *
 * SIAGA1 names the format and its version.  The member id and the place
 * (a post id for a guard and a post commander, the 13-digit TPS code for a
 * Linmas member, empty for a reserve) are percent-encoded: every byte but
 * A-Z a-z 0-9 - . _ ~ is written %XX (upper-case hex), so the payload is
 * ASCII, holds no '|' but its separators and needs no escaping in HTML,
 * a shell or a WhatsApp message.  The roster hash is the first 16 hex
 * digits (lower case, 64 bits) of the SHA-256 of the roster file's bytes.
 */
#ifndef SIAGA_CARD_PAYLOAD_H
#define SIAGA_CARD_PAYLOAD_H

#include <stddef.h>

#include "model/error.h"
#include "model/scenario.h"

#define CARD_PAYLOAD_VERSION 1
#define CARD_HASH_HEX 16                /* hex digits of the roster hash */
/* Longest payload: "SIAGA1|" + two ids of MAX_ID_BYTES, each byte %XX,
 * two '|' and the hash. */
#define CARD_PAYLOAD_MAX (7 + 2 * 3 * MAX_ID_BYTES + 2 + CARD_HASH_HEX)
/* Largest card file read by io_read_card (a card is a few KB). */
#define CARD_FILE_MAX (1024 * 1024)

struct card_payload {
    int version;                        /* CARD_PAYLOAD_VERSION */
    char member[MAX_ID_BYTES + 1];      /* decoded */
    char place[MAX_ID_BYTES + 1];       /* decoded; "" for a reserve */
    char hash[CARD_HASH_HEX + 1];       /* lower-case hex */
};

/* The payload of c into buf (at least CARD_PAYLOAD_MAX + 1 bytes); returns
 * buf.  Never fails. */
char *card_payload_format(const struct card_payload *c, char *buf);

/*
 * Parse the payload text (len bytes, no terminator needed) into *c.
 * SIAGA_OK, or SIAGA_EINPUT with one message in errs at file:line (file
 * may be NULL): not a SIAGA payload, a version this program does not
 * read, a field missing or too many, a bad %XX, an id that breaks the id
 * grammar (scenario_id_problem), a hash that is not 16 lower-case hex
 * digits.
 */
int card_payload_parse(const char *text, size_t len, struct card_payload *c,
                       const char *file, long line, struct error_list *errs);

/*
 * The card of siaga check --card: arg is the payload itself when it
 * starts with "SIAGA" and a digit, else the path of a card file (.txt or
 * .html as siaga cards writes them, or any text holding one payload):
 * the first "SIAGA<digits>|" in it starts the payload, which runs to the
 * first byte outside the payload alphabet.  SIAGA_OK with *c filled;
 * SIAGA_EINPUT for a bad payload, a file with none or a file over
 * CARD_FILE_MAX (errs names the file and line); SIAGA_EIO when the file
 * cannot be read; SIAGA_ENOMEM.
 */
int io_read_card(const char *arg, struct card_payload *c,
                 struct error_list *errs);

/*
 * The roster hash of the file at path into hex (CARD_HASH_HEX + 1 bytes).
 * SIAGA_OK, or SIAGA_EIO / SIAGA_ENOMEM with a message in errs.
 */
int io_roster_hash(const char *path, char *hex, struct error_list *errs);

#endif
