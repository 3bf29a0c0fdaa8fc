/*
 * fuzz_card.c - libFuzzer target for the duty card reader (io_read_card,
 * io/formats/card_payload.c): the bytes as a card file (.txt, .html or a
 * payload), and as payload text given on the command line.  A payload
 * that reads must write back to text that reads to the same payload.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/fuzz_input.h"
#include "io/formats/card_payload.h"
#include "model/error.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* c written and read back is c. */
static void round_trip(const struct card_payload *c)
{
    char text[CARD_PAYLOAD_MAX + 1];
    struct card_payload back;
    struct error_list el;
    error_list_init(&el);
    card_payload_format(c, text);
    if (strlen(text) > CARD_PAYLOAD_MAX ||
        card_payload_parse(text, strlen(text), &back, NULL, 0, &el) != SIAGA_OK ||
        memcmp(c, &back, sizeof back) != 0)
        abort();
    error_list_free(&el);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_input_path(data, size);
    struct error_list el;
    struct card_payload c;
    if (path == NULL)
        abort();
    error_list_init(&el);
    int rc = io_read_card(path, &c, &el);
    if (rc != SIAGA_OK && rc != SIAGA_ENOMEM && error_count(&el) == 0)
        abort();   /* a refused card always says why */
    if (rc == SIAGA_OK)
        round_trip(&c);
    error_list_free(&el);
    error_list_init(&el);
    if (card_payload_parse((const char *)data, size, &c, "--card", 0, &el) == SIAGA_OK)
        round_trip(&c);
    else if (error_count(&el) == 0)
        abort();
    error_list_free(&el);
    return 0;
}
