/* Typed column access on the current row, and exact decimal arithmetic on
 * text: money and quantities never pass through a float. */
#include "db_internal.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

int lia_decimal_parse(const char *text, int scale, int64_t *scaled)
{
    if (!text || scale < 0 || scale > 18)
        return -1;
    const char *p = text;
    while (*p == ' ')
        p++;
    int neg = 0;
    if (*p == '-' || *p == '+')
        neg = *p++ == '-';
    if (!isdigit((unsigned char)*p) && !(*p == '.' && isdigit((unsigned char)p[1])))
        return -1;
    /* Accumulate as a negative number: INT64_MIN fits, INT64_MAX+1 does not. */
    int64_t acc = 0;
    for (; isdigit((unsigned char)*p); p++) {
        int d = *p - '0';
        if (acc < (INT64_MIN + d) / 10)
            return -1;
        acc = acc * 10 - d;
    }
    int frac = 0;
    int round_up = 0;
    if (*p == '.') {
        p++;
        for (; isdigit((unsigned char)*p); p++) {
            int d = *p - '0';
            if (frac < scale) {
                if (acc < (INT64_MIN + d) / 10)
                    return -1;
                acc = acc * 10 - d;
                frac++;
            } else if (frac == scale) {
                /* First dropped digit decides: half away from zero. */
                round_up = d >= 5;
                frac++;
            }
        }
    }
    while (*p == ' ')
        p++;
    if (*p != '\0')
        return -1;
    for (int f = frac > scale ? scale : frac; f < scale; f++) {
        if (acc < INT64_MIN / 10)
            return -1;
        acc *= 10;
    }
    if (round_up) {
        if (acc == INT64_MIN)
            return -1;
        acc -= 1;
    }
    if (!neg) {
        if (acc == INT64_MIN)
            return -1;
        acc = -acc;
    }
    *scaled = acc;
    return 0;
}

const char *lia_decimal_format(int64_t scaled, int scale, char *buf, size_t size)
{
    if (scale < 0 || scale > 18 || size < 2) {
        if (size)
            buf[0] = '\0';
        return buf;
    }
    char digits[32];
    /* Magnitude as unsigned: INT64_MIN has no positive int64. */
    uint64_t mag = scaled < 0 ? (uint64_t)0 - (uint64_t)scaled : (uint64_t)scaled;
    int n = snprintf(digits, sizeof digits, "%0*" PRIu64, scale + 1, mag);
    if (scale == 0)
        snprintf(buf, size, "%s%s", scaled < 0 ? "-" : "", digits);
    else
        snprintf(buf, size, "%s%.*s.%s", scaled < 0 ? "-" : "", n - scale, digits, digits + n - scale);
    return buf;
}

int lia_db_ncols(lia_db *db)
{
    return db && db->state == LIA_DB_RESULT ? db->ncols : 0;
}

const char *lia_db_colname(lia_db *db, int col)
{
    if (!db || col < 0 || col >= db->ncols)
        return NULL;
    const char *n = dbcolname(db->proc, col + 1);
    return n ? n : "";
}

int lia_db_isnull(lia_db *db, int col)
{
    if (!db || db->state != LIA_DB_RESULT || col < 0 || col >= db->ncols)
        return 1;
    return dbdata(db->proc, col + 1) == NULL;
}

static const char *format_date(lia_db *db, lia_buf *b, int type, const BYTE *data)
{
    DBDATEREC2 d;
    if (dbanydatecrack(db->proc, &d, type, data) == FAIL)
        return NULL;
    if (type == SYBMSTIME || type == SYBTIME)
        lia_buf_printf(b, "%02d:%02d:%02d", d.datehour, d.dateminute, d.datesecond);
    else if (type == SYBMSDATE || type == SYBDATE)
        lia_buf_printf(b, "%04d-%02d-%02d", d.dateyear, d.datemonth + 1, d.datedmonth);
    else
        lia_buf_printf(b, "%04d-%02d-%02d %02d:%02d:%02d", d.dateyear, d.datemonth + 1, d.datedmonth,
                       d.datehour, d.dateminute, d.datesecond);
    if (type != SYBMSDATE && type != SYBDATE && d.datensecond > 0)
        lia_buf_printf(b, ".%03d", d.datensecond / 1000000);
    return lia_buf_str(b);
}

const char *lia_db_str(lia_db *db, int col)
{
    if (lia_db_isnull(db, col))
        return NULL;
    DBPROCESS *proc = db->proc;
    int type = dbcoltype(proc, col + 1);
    const BYTE *data = dbdata(proc, col + 1);
    DBINT len = dbdatlen(proc, col + 1);
    lia_buf *b = &db->colbuf[col];
    lia_buf_reset(b);
    switch (type) {
    case SYBCHAR: case SYBVARCHAR: case SYBTEXT: case SYBNVARCHAR: case SYBNTEXT:
        /* Already converted to the client charset, UTF-8. */
        lia_buf_add(b, data, (size_t)len);
        return lia_buf_str(b);
    case SYBINT1:
        lia_buf_printf(b, "%u", (unsigned)*(const DBTINYINT *)data);
        return lia_buf_str(b);
    case SYBBIT: case SYBBITN:
        lia_buf_adds(b, *(const DBBIT *)data ? "1" : "0");
        return lia_buf_str(b);
    case SYBINT2: {
        DBSMALLINT v;
        memcpy(&v, data, sizeof v);
        lia_buf_printf(b, "%d", v);
        return lia_buf_str(b);
    }
    case SYBINT4: {
        DBINT v;
        memcpy(&v, data, sizeof v);
        lia_buf_printf(b, "%d", v);
        return lia_buf_str(b);
    }
    case SYBINT8: {
        DBBIGINT v;
        memcpy(&v, data, sizeof v);
        lia_buf_printf(b, "%" PRId64, (int64_t)v);
        return lia_buf_str(b);
    }
    case SYBDATETIME: case SYBDATETIME4: case SYBMSDATE: case SYBMSTIME: case SYBMSDATETIME2:
    case SYBMSDATETIMEOFFSET: case SYBDATE: case SYBTIME: case SYBBIGDATETIME: case SYBDATETIMN:
        return format_date(db, b, type, data);
    case SYBFLT8: case SYBREAL: {
        /* Float columns are floats in the database; print them round-trippable. */
        double v;
        if (type == SYBREAL) {
            DBREAL r;
            memcpy(&r, data, sizeof r);
            v = r;
        } else {
            memcpy(&v, data, sizeof v);
        }
        lia_buf_printf(b, "%.17g", v);
        return lia_buf_str(b);
    }
    case SYBBINARY: case SYBVARBINARY: case SYBIMAGE:
        lia_buf_adds(b, "0x");
        for (DBINT i = 0; i < len; i++)
            lia_buf_printf(b, "%02X", data[i]);
        return lia_buf_str(b);
    default: {
        /* decimal, numeric, money, uniqueidentifier: db-lib's exact text. */
        BYTE tmp[128];
        DBINT n = dbconvert(proc, type, data, len, SYBCHAR, tmp, (DBINT)sizeof tmp - 1);
        if (n < 0)
            return NULL;
        if (n > (DBINT)sizeof tmp - 1)
            n = (DBINT)sizeof tmp - 1;
        /* Fixed-length char output is blank-padded. */
        while (n > 0 && tmp[n - 1] == ' ')
            n--;
        size_t start = 0;
        while ((DBINT)start < n && tmp[start] == ' ')
            start++;
        lia_buf_add(b, tmp + start, (size_t)n - start);
        return lia_buf_str(b);
    }
    }
}

int lia_db_int64(lia_db *db, int col, int64_t *out)
{
    const char *s = lia_db_str(db, col);
    if (!s)
        return -1;
    int type = dbcoltype(db->proc, col + 1);
    if (type == SYBFLT8 || type == SYBREAL)
        return -1;
    /* "12" and "12.000" are integers; "12.5" is not. */
    const char *dot = strchr(s, '.');
    if (dot && strspn(dot + 1, "0") != strlen(dot + 1))
        return -1;
    return lia_decimal_parse(s, 0, out);
}

int lia_db_decimal(lia_db *db, int col, int scale, int64_t *scaled)
{
    const char *s = lia_db_str(db, col);
    if (!s)
        return -1;
    int type = dbcoltype(db->proc, col + 1);
    /* A float is not exact: refuse rather than pretend. */
    if (type == SYBFLT8 || type == SYBREAL)
        return -1;
    return lia_decimal_parse(s, scale, scaled);
}
