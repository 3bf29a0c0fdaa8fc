/*
 * whatif.c - the one function of whatif.h: emptying a BKO request.
 */
#include "model/whatif.h"

#include <stdlib.h>
#include <string.h>

void bko_request_free(struct bko_request *r)
{
    if (r == NULL)
        return;
    free(r->row);
    memset(r, 0, sizeof *r);
}
