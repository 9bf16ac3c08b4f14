/* The journal writer (docs/journal-format.md).  Each event is built in
 * memory and written with one write() on an O_APPEND descriptor, so lines
 * of concurrent writers never interleave.  Secrets are masked on the way. */
#include "liaison/buf.h"
#include "liaison/journal.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct lia_journal {
    int fd;
    int own_fd;
    int failed;
    lia_level min_level;
    char run[32];
    long seq;
    long warn, err, transient;
    struct timespec started;
};

static const char *const level_names[] = {"DEBUG", "INFO", "WARN", "TRANSIENT", "ERROR", "FATAL"};

const char *lia_level_name(lia_level l)
{
    return (unsigned)l <= LIA_LVL_FATAL ? level_names[l] : "INFO";
}

int lia_level_parse(const char *s, lia_level *out)
{
    for (int i = 0; i <= LIA_LVL_FATAL; i++)
        if (strcasecmp(s, level_names[i]) == 0) {
            *out = (lia_level)i;
            return 0;
        }
    return -1;
}

void lia_journal_escape(lia_buf *b, const char *s)
{
    if (!s || !*s) {
        lia_buf_addc(b, '-');
        return;
    }
    for (; *s; s++) {
        switch (*s) {
        case '\t': lia_buf_adds(b, "\\t"); break;
        case '\n': lia_buf_adds(b, "\\n"); break;
        case '\r': lia_buf_adds(b, "\\r"); break;
        case '\\': lia_buf_adds(b, "\\\\"); break;
        default: lia_buf_addc(b, *s);
        }
    }
}

/* Names whose value is a secret: "password", "db_pwd", "secret", "token"... */
static int secret_name(const char *name, size_t len)
{
    static const char *const words[] = {"password", "passwd", "pwd", "secret", "token", "motdepasse"};
    for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
        size_t wl = strlen(words[w]);
        for (size_t i = 0; i + wl <= len; i++)
            if (strncasecmp(name + i, words[w], wl) == 0)
                return 1;
    }
    return 0;
}

static int name_char(unsigned char c)
{
    return isalnum(c) || c == '_' || c == '-' || c == '.';
}

void lia_journal_mask(lia_buf *b, const char *s)
{
    if (!s)
        return;
    size_t i = 0;
    while (s[i]) {
        if (!name_char((unsigned char)s[i])) {
            lia_buf_addc(b, s[i++]);
            continue;
        }
        size_t start = i;
        while (name_char((unsigned char)s[i]))
            i++;
        size_t nlen = i - start;
        lia_buf_add(b, s + start, nlen);
        /* name=value or name: value */
        size_t j = i;
        while (s[j] == ' ')
            j++;
        if ((s[j] == '=' || s[j] == ':') && secret_name(s + start, nlen)) {
            j++;
            while (s[j] == ' ')
                j++;
            lia_buf_add(b, s + i, j - i);
            /* The value runs to a separator; a quoted value to its quote. */
            char q = (s[j] == '\'' || s[j] == '"') ? s[j] : 0;
            size_t k = j + (q ? 1 : 0);
            while (s[k] && (q ? s[k] != q : !strchr(" \t\n;,&", s[k])))
                k++;
            if (q && s[k] == q)
                k++;
            lia_buf_adds(b, "***");
            i = k;
        }
    }
    if (!b->data)
        lia_buf_adds(b, "");
}

lia_code lia_journal_open(const char *path, lia_journal **out, lia_error *err)
{
    *out = NULL;
    lia_journal *j = calloc(1, sizeof *j);
    if (!j)
        return lia_fail(err, LIA_E_NOMEM, "%s", path);
    j->min_level = LIA_LVL_INFO;
    if (strcmp(path, "-") == 0) {
        j->fd = STDERR_FILENO;
    } else {
        char full[1100];
        struct stat st;
        /* A folder holds the journal under its standard name. */
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
            snprintf(full, sizeof full, "%.1000s/liaison.journal", path);
        else
            snprintf(full, sizeof full, "%.1000s", path);
        j->fd = open(full, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
        if (j->fd < 0) {
            int e = errno;
            free(j);
            lia_fail(err, LIA_E_JOURNAL, "%s", full);
            if (err) {
                err->os_errno = e;
                lia_error_detail(err, "%s", strerror(e));
            }
            return LIA_E_JOURNAL;
        }
        j->own_fd = 1;
    }
    *out = j;
    return LIA_OK;
}

void lia_journal_set_level(lia_journal *j, lia_level min)
{
    if (j)
        j->min_level = min;
}

int lia_journal_failed(const lia_journal *j)
{
    return j ? j->failed : 1;
}

const char *lia_journal_run_id(const lia_journal *j)
{
    return j ? j->run : "";
}

/* 2026-03-04T10:15:01.318+01:00 */
static void timestamp(lia_buf *b)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    localtime_r(&ts.tv_sec, &tm);
    char date[32];
    strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm);
    long off = tm.tm_gmtoff;
    char sign = off < 0 ? '-' : '+';
    if (off < 0)
        off = -off;
    lia_buf_printf(b, "%s.%03ld%c%02ld:%02ld", date, ts.tv_nsec / 1000000, sign, off / 3600,
                   (off % 3600) / 60);
}

static void write_line(lia_journal *j, lia_buf *b)
{
    if (b->oom) {
        j->failed = 1;
        return;
    }
    const char *p = b->data;
    size_t left = b->len;
    while (left > 0) {
        ssize_t n = write(j->fd, p, left);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            j->failed = 1;
            return;
        }
        p += n;
        left -= (size_t)n;
    }
}

static const char *status_of(lia_level l)
{
    switch (l) {
    case LIA_LVL_WARN: return "AVERTISSEMENT";
    case LIA_LVL_TRANSIENT: return "EN_ATTENTE";
    case LIA_LVL_ERROR: case LIA_LVL_FATAL: return "ECHEC";
    default: return "SUCCES";
    }
}

static void emit(lia_journal *j, const lia_event *ev)
{
    lia_buf b = LIA_BUF_INIT;
    lia_buf tmp = LIA_BUF_INIT;
    timestamp(&b);
    lia_buf_printf(&b, "\t%s\t%s\t%ld\t", lia_level_name(ev->level), j->run[0] ? j->run : "-", j->seq);
    const char *fields[] = {ev->dir, ev->entity, ev->op, ev->crm_key, ev->erp_key, ev->code,
                            ev->status ? ev->status : status_of(ev->level)};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        lia_journal_escape(&b, fields[i]);
        lia_buf_addc(&b, '\t');
    }
    lia_buf_reset(&tmp);
    lia_journal_mask(&tmp, ev->message);
    lia_journal_escape(&b, ev->message ? lia_buf_str(&tmp) : NULL);
    if (ev->extra && *ev->extra) {
        lia_buf_reset(&tmp);
        lia_journal_mask(&tmp, ev->extra);
        lia_buf_addc(&b, '\t');
        /* Already escaped by the caller; a raw line break would still end the event. */
        for (const char *p = lia_buf_str(&tmp); *p; p++) {
            if (*p == '\n')
                lia_buf_adds(&b, "\\n");
            else if (*p == '\r')
                lia_buf_adds(&b, "\\r");
            else
                lia_buf_addc(&b, *p);
        }
    }
    lia_buf_addc(&b, '\n');
    write_line(j, &b);
    lia_buf_free(&b);
    lia_buf_free(&tmp);
}

const char *lia_journal_run_start(lia_journal *j, const char *message)
{
    if (!j)
        return "";
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    j->started = ts;
    struct tm tm;
    localtime_r(&ts.tv_sec, &tm);
    char stamp[24];
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    /* Four digits that differ between runs started in the same second. */
    unsigned mix = (unsigned)getpid() * 2654435761u ^ (unsigned)ts.tv_nsec;
    snprintf(j->run, sizeof j->run, "R%s-%04u", stamp, mix % 10000);
    j->seq = 1;
    j->warn = j->err = j->transient = 0;
    lia_event ev = {LIA_LVL_INFO, NULL, "RUN", "START", NULL, NULL, NULL, "EN_COURS", message, NULL};
    emit(j, &ev);
    return j->run;
}

void lia_journal_event(lia_journal *j, const lia_event *ev)
{
    if (!j || !ev)
        return;
    switch (ev->level) {
    case LIA_LVL_WARN: j->warn++; break;
    case LIA_LVL_TRANSIENT: j->transient++; break;
    case LIA_LVL_ERROR: case LIA_LVL_FATAL: j->err++; break;
    default: break;
    }
    if (ev->level < j->min_level)
        return;
    j->seq++;
    emit(j, ev);
}

static int has_key(const char *counters, const char *key)
{
    size_t kl = strlen(key);
    for (const char *p = counters; p && *p;) {
        if (strncmp(p, key, kl) == 0 && p[kl] == '=')
            return 1;
        p = strchr(p, '\t');
        if (p)
            p++;
    }
    return 0;
}

const char *lia_journal_run_end(lia_journal *j, const char *message, const char *counters)
{
    if (!j)
        return "ECHEC";
    /* Warnings and transient conditions do not fail a run; errors do. */
    const char *status = j->err ? "ECHEC" : (j->warn || j->transient) ? "AVERTISSEMENT" : "SUCCES";
    lia_buf extra = LIA_BUF_INIT;
    if (counters && *counters)
        lia_buf_adds(&extra, counters);
    const char *names[] = {"warn", "err", "transient"};
    long values[] = {j->warn, j->err, j->transient};
    for (int i = 0; i < 3; i++)
        if (!has_key(counters, names[i]))
            lia_buf_printf(&extra, "%s%s=%ld", extra.len ? "\t" : "", names[i], values[i]);
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    long ms = (long)(now.tv_sec - j->started.tv_sec) * 1000 + (now.tv_nsec - j->started.tv_nsec) / 1000000;
    if (!has_key(counters, "elapsed_ms"))
        lia_buf_printf(&extra, "\telapsed_ms=%ld", ms < 0 ? 0 : ms);
    j->seq++;
    /* INFO: the outcome is the status; the level would count the failure twice. */
    lia_event ev = {LIA_LVL_INFO, NULL, "RUN", "END", NULL, NULL, NULL, status, message, lia_buf_str(&extra)};
    emit(j, &ev);
    lia_buf_free(&extra);
    return status;
}

void lia_journal_close(lia_journal *j)
{
    if (!j)
        return;
    if (j->own_fd)
        close(j->fd);
    free(j);
}
