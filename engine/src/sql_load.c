/* Finds and reads the T-SQL texts of sql/. */
#include "liaison/db.h"
#include "build_config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int read_file(const char *path, char **text)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t n = fread(buf + len, 1, cap - len - 1, f);
        len += n;
        if (len + 1 < cap)
            break;
        cap *= 2;
        char *nb = realloc(buf, cap);
        if (!nb) {
            free(buf);
            buf = NULL;
        }
        buf = nb;
    }
    int bad = !buf || ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        return -2;
    }
    buf[len] = '\0';
    *text = buf;
    return 0;
}

lia_code lia_sql_load(const char *relpath, char **text, lia_error *err)
{
    *text = NULL;
    /* Only names below sql/: no absolute path, no way up. */
    if (!relpath || !*relpath || relpath[0] == '/' || strstr(relpath, ".."))
        return lia_fail(err, LIA_E_SQL_FILE, "%s", relpath ? relpath : "");
    const char *env = getenv("LIAISON_SQL_DIR");
    char path[4096];
    const char *roots[3];
    const char *fmts[3];
    int n = 0;
    if (env && *env) {
        roots[n] = env;
        fmts[n++] = "%s/%s";
    }
    roots[n] = LIA_SOURCE_DIR;
    fmts[n++] = "%s/sql/%s";
    roots[n] = LIA_DATADIR;
    fmts[n++] = "%s/sql/%s";
    int last_errno = ENOENT;
    for (int i = 0; i < n; i++) {
        if ((size_t)snprintf(path, sizeof path, fmts[i], roots[i], relpath) >= sizeof path)
            continue;
        errno = 0;
        int r = read_file(path, text);
        if (r == 0)
            return LIA_OK;
        if (errno != ENOENT) {
            last_errno = errno;
            lia_fail(err, LIA_E_SQL_FILE, "%s", path);
            if (err)
                err->os_errno = last_errno;
            return LIA_E_SQL_FILE;
        }
    }
    lia_fail(err, LIA_E_SQL_FILE, "sql/%s", relpath);
    if (err)
        err->os_errno = last_errno;
    return LIA_E_SQL_FILE;
}
