/* Small shared pieces: string map, stanza files, data paths, levels, times. */
#include "an.h"

#include "build_config.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

/* ---- string map: 64-bit multiply-xor hash over 8-byte words, linear
 * probing, grows at 70 %; a slot is compared by hash and length first. ---- */
/* Slots are one cache line each, aligned on one: a probe touches one line. */
static int map_grow(an_map *m)
{
    size_t ncap = m->cap ? m->cap * 2 : 64;
    an_slot *ns = aligned_alloc(64, ncap * sizeof *ns);
    if (!ns)
        return -1;
    memset(ns, 0, ncap * sizeof *ns);
    for (size_t i = 0; i < m->cap; i++) {
        an_slot *o = &m->slots[i];
        if (!o->key)
            continue;
        size_t j = o->hash & (ncap - 1);
        while (ns[j].key)
            j = (j + 1) & (ncap - 1);
        ns[j] = *o;
        if (o->key == o->inl)
            ns[j].key = ns[j].inl;   /* the inline key moved with its slot */
    }
    free(m->slots);
    m->slots = ns;
    m->cap = ncap;
    return 0;
}

void **an_map_get(an_map *m, const char *key, size_t klen, int create)
{
    return an_map_get_h(m, key, klen, an_hash(key, klen), create);
}

void **an_map_get_h(an_map *m, const char *key, size_t klen, uint64_t h, int create)
{
    if (m->cap) {
        size_t j = h & (m->cap - 1);
        an_slot *s;
        while ((s = &m->slots[j])->key) {
            if (s->hash == h && s->len == klen && an_same_bytes(s->key, key, klen))
                return &s->val;
            j = (j + 1) & (m->cap - 1);
        }
    }
    if (!create || klen > UINT32_MAX)
        return NULL;
    if ((m->len + 1) * 10 >= m->cap * 7 && map_grow(m) != 0)
        return NULL;
    size_t j = h & (m->cap - 1);
    while (m->slots[j].key)
        j = (j + 1) & (m->cap - 1);
    an_slot *s = &m->slots[j];
    char *k = klen < AN_SLOT_INLINE ? s->inl : malloc(klen + 1);
    if (!k)
        return NULL;
    memcpy(k, key, klen);
    k[klen] = '\0';
    s->key = k;
    s->val = NULL;
    s->hash = h;
    s->len = (uint32_t)klen;
    m->len++;
    return &s->val;
}

void an_map_free(an_map *m, void (*free_val)(void *))
{
    for (size_t i = 0; i < m->cap; i++)
        if (m->slots[i].key) {
            if (m->slots[i].key != m->slots[i].inl)
                free(m->slots[i].key);
            if (free_val)
                free_val(m->slots[i].val);
        }
    free(m->slots);
    memset(m, 0, sizeof *m);
}

/* ---- stanza files ---- */
static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = '\0';
    return s;
}

lia_code an_kv_parse(const char *path, an_kv_cb cb, void *ctx, lia_code bad, lia_error *err)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        lia_fail(err, bad, "%s", path);
        err->os_errno = errno;
        lia_error_detail(err, "%s", strerror(errno));
        return bad;
    }
    char *line = NULL, *section = NULL;
    size_t cap = 0;
    unsigned long no = 0;
    lia_code rc = LIA_OK;
    while (getline(&line, &cap, f) >= 0) {
        no++;
        char *s = trim(line);
        if (no == 1 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB &&
            (unsigned char)s[2] == 0xBF)
            s += 3;
        if (*s == '\0' || *s == '#')
            continue;
        an_kv kv = {section, NULL, NULL, no};
        if (*s == '[') {
            char *e = strchr(s, ']');
            if (!e || e[1] != '\0' || e == s + 1) {
                rc = lia_fail(err, bad, "%s:%lu", path, no);
                lia_error_detail(err, "%s", lia_tr("en-tête de section mal formé, attendu [nom]",
                                                   "malformed section header, expected [name]"));
                break;
            }
            *e = '\0';
            free(section);
            section = strdup(s + 1);
            kv.section = section;
        } else {
            char *eq = strchr(s, '=');
            if (!eq) {
                rc = lia_fail(err, bad, "%s:%lu", path, no);
                lia_error_detail(err, "%s", lia_tr("ligne sans « = », attendu clé = valeur",
                                                   "line without '=', expected key = value"));
                break;
            }
            *eq = '\0';
            kv.key = trim(s);
            kv.val = trim(eq + 1);
        }
        if ((rc = (lia_code)cb(ctx, &kv, err)) != LIA_OK) {
            if (!err->subject[0])
                lia_fail(err, rc, "%s:%lu", path, no);
            break;
        }
    }
    free(line);
    free(section);
    fclose(f);
    return rc;
}

/* ---- data files ---- */
static int exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0;
}

int lia_an_data_path(const char *rel, char *out, size_t size)
{
    const char *env = getenv("LIAISON_DATA_DIR");
    const char *roots[3] = {env, LIA_SOURCE_DIR, LIA_DATADIR};
    for (int i = 0; i < 3; i++) {
        if (!roots[i] || !roots[i][0])
            continue;
        int n = snprintf(out, size, "%s/analyzer/%s", roots[i], rel);
        if (n > 0 && (size_t)n < size && exists(out))
            return 0;
    }
    return -1;
}

/* ---- levels ---- */
static const struct { const char *name; int level; int debug; } level_names[] = {
    {"DEBUG", LIA_AN_INFO, 1}, {"TRACE", LIA_AN_INFO, 1}, {"INFO", LIA_AN_INFO, 0},
    {"INFORMATION", LIA_AN_INFO, 0}, {"NOTICE", LIA_AN_INFO, 0}, {"I", LIA_AN_INFO, 0},
    {"WARN", LIA_AN_WARNING, 0}, {"WARNING", LIA_AN_WARNING, 0}, {"W", LIA_AN_WARNING, 0},
    {"ALERTE", LIA_AN_WARNING, 0}, {"AVERTISSEMENT", LIA_AN_WARNING, 0},
    {"TRANSIENT", LIA_AN_TRANSIENT, 0}, {"ERROR", LIA_AN_ERROR, 0}, {"ERR", LIA_AN_ERROR, 0},
    {"E", LIA_AN_ERROR, 0}, {"ERREUR", LIA_AN_ERROR, 0}, {"FATAL", LIA_AN_FATAL, 0},
    {"CRITICAL", LIA_AN_FATAL, 0}, {"CRIT", LIA_AN_FATAL, 0}, {"CRITIQUE", LIA_AN_FATAL, 0},
    {"SEVERE", LIA_AN_FATAL, 0},
};

int an_level_parse(const char *s, size_t n, int *debug)
{
    *debug = 0;
    /* The native levels first, by their first letter: the hot path. */
    for (size_t i = 0; i < sizeof level_names / sizeof level_names[0]; i++)
        if (strlen(level_names[i].name) == n && strncasecmp(level_names[i].name, s, n) == 0) {
            *debug = level_names[i].debug;
            return level_names[i].level;
        }
    return -1;
}

static const char *const sev_ids[] = {"info", "warning", "transient", "error", "fatal"};

const char *an_sev_id(int sev) { return sev >= 0 && sev < LIA_AN_SEV_COUNT ? sev_ids[sev] : "-"; }

const char *an_sev_label(int sev)
{
    static const char *const fr[] = {"info", "avertissement", "transitoire", "erreur", "fatale"};
    static const char *const en[] = {"info", "warning", "transient", "error", "fatal"};
    if (sev < 0 || sev >= LIA_AN_SEV_COUNT)
        return "-";
    return lia_tr(fr[sev], en[sev]);
}

int an_sev_parse(const char *s)
{
    for (int i = 0; i < LIA_AN_SEV_COUNT; i++)
        if (strcasecmp(s, sev_ids[i]) == 0)
            return i;
    return -1;
}

const char *an_status_id(int st)
{
    return st == LIA_AN_SUCCESS ? "SUCCES" : st == LIA_AN_WARNINGS ? "AVERTISSEMENT" : "ECHEC";
}

const char *an_status_label(int st, int interrupted)
{
    if (st == LIA_AN_SUCCESS)
        return lia_tr("Succès", "Success");
    if (st == LIA_AN_WARNINGS)
        return lia_tr("Avertissement", "Warning");
    return interrupted ? lia_tr("Échec (interrompu)", "Failed (interrupted)")
                       : lia_tr("Échec", "Failed");
}

/* ---- timestamps: ISO 8601 (T or space, optional fraction and offset),
 * dd/mm/yyyy hh:mm:ss, or epoch seconds.  Without an offset the time is
 * taken as UTC: only differences and hours matter in reports. ---- */
static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static int64_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int64_t an_ts_parse(const char *s)
{
    if (!s)
        return LIA_AN_NO_TS;
    int Y, M, D, h, mi, sec;
    const char *p;
    if (strlen(s) >= 19 && s[4] == '-' && s[7] == '-' && (s[10] == 'T' || s[10] == ' ')) {
        Y = digits(s, 4), M = digits(s + 5, 2), D = digits(s + 8, 2);
        p = s + 11;
    } else if (strlen(s) >= 19 && s[2] == '/' && s[5] == '/' && s[10] == ' ') {
        D = digits(s, 2), M = digits(s + 3, 2), Y = digits(s + 6, 4);
        p = s + 11;
    } else if (isdigit((unsigned char)s[0])) {
        char *end;
        double v = strtod(s, &end);
        if (*end != '\0' || v < 0 || v > 1e11)
            return LIA_AN_NO_TS;
        return (int64_t)(v * 1000.0);
    } else {
        return LIA_AN_NO_TS;
    }
    h = digits(p, 2), mi = digits(p + 3, 2), sec = digits(p + 6, 2);
    if (Y < 0 || M < 1 || M > 12 || D < 1 || D > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 ||
        sec < 0 || sec > 60 || p[2] != ':' || p[5] != ':')
        return LIA_AN_NO_TS;
    p += 8;
    int ms = 0;
    if (*p == '.' || *p == ',') {
        int scale = 100;
        p++;
        while (isdigit((unsigned char)*p)) {
            ms += (*p - '0') * scale;
            scale /= 10;
            p++;
        }
    }
    int64_t t = (days_from_civil(Y, M, D) * 86400 + h * 3600 + mi * 60 + sec) * 1000 + ms;
    if ((*p == '+' || *p == '-') && isdigit((unsigned char)p[1])) {
        int oh = digits(p + 1, 2), om = 0;
        if (p[3] == ':')
            om = digits(p + 4, 2);
        else if (isdigit((unsigned char)p[3]))
            om = digits(p + 3, 2);
        if (oh >= 0 && om >= 0)
            t -= (int64_t)(*p == '+' ? 1 : -1) * (oh * 3600 + om * 60) * 1000;
    }
    return t;
}

void an_fmt_duration(int64_t ms, char *out, size_t size)
{
    if (ms < 0) {
        snprintf(out, size, "-");
        return;
    }
    int64_t s = ms / 1000;
    if (s >= 3600)
        snprintf(out, size, "%lldh%02lldm%02llds", (long long)(s / 3600), (long long)(s / 60 % 60),
                 (long long)(s % 60));
    else if (s >= 60)
        snprintf(out, size, "%lldm%02llds", (long long)(s / 60), (long long)(s % 60));
    else
        snprintf(out, size, "%lld.%03llds", (long long)s, (long long)(ms % 1000));
}
