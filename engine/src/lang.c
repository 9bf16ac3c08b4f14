/* Message language: French by default, English on request. */
#include "liaison/error.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int lang_state = -1; /* -1: not yet read from the environment */

int lia_lang_parse(const char *s, lia_lang *out)
{
    if (!s)
        return -1;
    if (strncasecmp(s, "fr", 2) == 0 && (s[2] == '\0' || s[2] == '_' || s[2] == '-' || s[2] == '.')) {
        *out = LIA_LANG_FR;
        return 0;
    }
    if (strncasecmp(s, "en", 2) == 0 && (s[2] == '\0' || s[2] == '_' || s[2] == '-' || s[2] == '.')) {
        *out = LIA_LANG_EN;
        return 0;
    }
    return -1;
}

lia_lang lia_get_lang(void)
{
    if (lang_state < 0) {
        lia_lang l = LIA_LANG_FR;
        const char *env = getenv("LIAISON_LANG");
        if (env && lia_lang_parse(env, &l) != 0)
            l = LIA_LANG_FR;
        lang_state = (int)l;
    }
    return (lia_lang)lang_state;
}

void lia_set_lang(lia_lang lang) { lang_state = (int)lang; }

const char *lia_tr(const char *fr, const char *en)
{
    return lia_get_lang() == LIA_LANG_EN ? en : fr;
}
