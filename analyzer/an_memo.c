/* Classification remembered per message text.
 *
 * A journal repeats its messages ("Délai d'attente dépassé", a SOAP fault,
 * the same rejection for many records when the key is in another field),
 * and classifying one without a code costs the literal prefilter and one
 * or two PCRE2 matches, about a microsecond.  The rule a text gets is a
 * function of the text alone (the catalogue does not change during an
 * analysis), so the last texts seen are kept with their rule, in a small
 * table indexed by hash and checked byte for byte: the same result as
 * an_catalog_match, without the matching when the text was seen.  One table
 * per analysis (each half of a split file has its own). */
#include "an.h"

#include <stdlib.h>
#include <string.h>

#define MEMO_SLOTS 256
#define MEMO_TEXT 120   /* longer texts are matched every time */

typedef struct memo_slot {
    uint64_t h;
    uint32_t len;   /* 0: empty */
    int32_t rule;   /* index in the catalogue, -1: no rule */
    char text[MEMO_TEXT];
} memo_slot;

struct an_memo {
    memo_slot slot[MEMO_SLOTS];
};

const an_rule *an_memo_match(lia_an_analysis *a, const char *text, size_t len)
{
    if (len == 0 || len > MEMO_TEXT || a->memo_off)
        return an_catalog_match(a->cat, a->md, text, len);
    if (!a->memo && !(a->memo = calloc(1, sizeof *a->memo)))
        return an_catalog_match(a->cat, a->md, text, len);
    uint64_t h = an_hash(text, len);
    memo_slot *s = &a->memo->slot[h & (MEMO_SLOTS - 1)];
    if (s->len == len && s->h == h && memcmp(s->text, text, len) == 0) {
        a->memo_hits++;
        return s->rule < 0 ? NULL : &a->cat->v[s->rule];
    }
    const an_rule *r = an_catalog_match(a->cat, a->md, text, len);
    s->h = h;
    s->len = (uint32_t)len;
    s->rule = r ? (int32_t)(r - a->cat->v) : -1;
    memcpy(s->text, text, len);
    return r;
}

void an_memo_free(lia_an_analysis *a)
{
    free(a->memo);
    a->memo = NULL;
}
