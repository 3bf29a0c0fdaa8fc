/*
 * cards.h - duty cards (kartu tugas): one small page per member of a
 * roster, as HTML that prints on A6 and reads on a phone and as plain text
 * that pastes into WhatsApp, one card per post for its commander, and an
 * index, all in the folder kartu/ of an output set (outdir.h).  Each card
 * carries a QR code of its payload (io/formats/card_payload.h), which
 * io_check_card verifies against a roster.
 *
 * Cards are made from the roster file as written (so the hash on a card is
 * that of the published roster's bytes) and the scenario it was planned
 * for: `siaga cards` reads a roster, `siaga plan --cards` reads back the
 * roster.xml it has just staged.
 */
#ifndef SIAGA_CARDS_H
#define SIAGA_CARDS_H

#include <stddef.h>

#include "io/formats/card_payload.h"
#include "io/outdir.h"
#include "model/error.h"
#include "model/scenario.h"

/* The folder of the set that holds the cards. */
#define CARDS_FOLDER "kartu"

/* What a card set holds. */
struct card_stats {
    long guards;     /* member cards of guards (Polri, TNI) */
    long linmas;     /* member cards of Linmas at a TPS */
    long reserves;   /* member cards of reserves */
    long posts;      /* post cards (for the commander) */
    long files;      /* files in kartu/, index.html included */
    long long bytes; /* their total size */
};

/*
 * Write the cards of the roster at roster_path (version 1 or 2; shown in
 * messages and on the cards as roster_name) for scenario s as files
 * kartu/NAME of od (outdir_file, each closed when written).  SIAGA_OK
 * with *st filled; SIAGA_EINPUT when the roster cannot be read or does
 * not fit s (an unknown member or TPS, a member or post listed twice),
 * SIAGA_EIO, SIAGA_ENOMEM; errs says why.
 */
int io_cards_fill(struct outdir *od, const char *roster_path,
                  const char *roster_name, const struct scenario *s,
                  struct card_stats *st, struct error_list *errs);

/* io_cards_fill into DIR/kartu/ as one set (outdir_write_set): on failure
 * nothing is changed in dir.  Same statuses. */
int io_write_cards(const char *dir, const char *roster_path,
                   const struct scenario *s, struct card_stats *st,
                   struct error_list *errs);

/* What io_check_card found. */
enum card_verdict {
    CARD_ACCEPTED,       /* the roster's hash, and the member is at the place */
    CARD_OTHER_ROSTER,   /* the hash is not this roster's */
    CARD_NOT_IN_ROSTER   /* the hash matches, the member/place do not */
};

/*
 * Judge card c against the roster at roster_path and scenario s: the
 * roster's hash must be the card's, and the roster must put the member
 * at the place (a guard on that post, a Linmas member at that TPS, a
 * reserve for an empty place), exactly the payloads io_cards_fill writes.
 * SIAGA_OK with *verdict set and a sentence in Bahasa Indonesia in msg (n
 * bytes); else the roster could not be read (SIAGA_EINPUT, SIAGA_EIO,
 * SIAGA_ENOMEM; errs says why).
 */
int io_check_card(const struct scenario *s, const char *roster_path,
                  const struct card_payload *c, enum card_verdict *verdict,
                  char *msg, size_t n, struct error_list *errs);

#endif
