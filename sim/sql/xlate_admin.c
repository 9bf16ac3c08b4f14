/* Server administration statements: CREATE DATABASE ... COLLATE, ALTER
 * DATABASE (SET user access / updateability / recovery, COLLATE), BACKUP
 * DATABASE ... TO DISK and WAITFOR DELAY.  They translate to statements the
 * executor runs itself (exec_admin.c); none of them is SQLite text. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xlate.h"

void xl_sub(P *p, int a, int b, sbuf *o);

static int at(P *p, int i, int e, const char *w) { return i < e && tk_is(&p->t[i], w); }

static int is_name(P *p, int i, int e)
{
    return i < e && (p->t[i].type == TK_IDENT || p->t[i].type == TK_QIDENT);
}

static void unsupported(P *p, int line, const char *what)
{
    perr(p, line, 50000, 16, "Liaison simulator: %s is not supported (see docs/simulator.md, Administration).", what);
}

/* COLLATE name at i: the known collation or 448; returns the index after it. */
static int collation_at(P *p, stmt *s, int i, int e)
{
    if (!is_name(p, i, e)) {
        syntax_near(p, i);
        return e;
    }
    char *name = tk_text(&p->t[i]);
    const char *known = dbprops_collation(name);
    if (!known)
        perr(p, p->t[i].line, 448, 16, "Invalid collation '%s'.", name);
    else
        s->arg = strdup(known);
    free(name);
    return i + 1;
}

/* WITH ROLLBACK IMMEDIATE | ROLLBACK AFTER n [SECONDS] | NO_WAIT: accepted;
 * the simulator never waits for other sessions. */
static int termination_at(P *p, int i, int e)
{
    if (!at(p, i, e, "WITH"))
        return i;
    i++;
    if (at(p, i, e, "NO_WAIT"))
        return i + 1;
    if (at(p, i, e, "ROLLBACK") && at(p, i + 1, e, "IMMEDIATE"))
        return i + 2;
    if (at(p, i, e, "ROLLBACK") && at(p, i + 1, e, "AFTER") && i + 2 < e && p->t[i + 2].type == TK_INT)
        return at(p, i + 3, e, "SECONDS") ? i + 4 : i + 3;
    syntax_near(p, i);
    return e;
}

typedef struct db_option {
    const char *word, *prop, *value;
} db_option;

static const db_option options[] = {
    {"SINGLE_USER", "UserAccess", "SINGLE_USER"},     {"RESTRICTED_USER", "UserAccess", "RESTRICTED_USER"},
    {"MULTI_USER", "UserAccess", "MULTI_USER"},       {"READ_ONLY", "Updateability", "READ_ONLY"},
    {"READ_WRITE", "Updateability", "READ_WRITE"},
};

static void alter_database(P *p, stmt *s, int i, int e)
{
    int k = i + 2;
    if (at(p, k, e, "CURRENT")) {
        s->text = NULL;   /* the session's database when it runs */
    } else if (is_name(p, k, e)) {
        s->text = tk_text(&p->t[k]);
    } else {
        syntax_near(p, k);
        return;
    }
    k++;
    s->kind = ST_ALTERDB;
    if (at(p, k, e, "COLLATE")) {
        s->prop = strdup("Collation");
        k = collation_at(p, s, k + 1, e);
    } else if (at(p, k, e, "SET")) {
        k++;
        if (at(p, k, e, "RECOVERY")) {
            if (!(at(p, k + 1, e, "FULL") || at(p, k + 1, e, "SIMPLE") || at(p, k + 1, e, "BULK_LOGGED"))) {
                syntax_near(p, k + 1);
                return;
            }
            s->prop = strdup("Recovery");
            s->arg = tk_text(&p->t[k + 1]);
            for (char *c = s->arg; *c; c++)
                *c = (char)(*c >= 'a' && *c <= 'z' ? *c - 32 : *c);
            k += 2;
        } else {
            for (size_t o = 0; o < sizeof options / sizeof options[0]; o++)
                if (at(p, k, e, options[o].word)) {
                    s->prop = strdup(options[o].prop);
                    s->arg = strdup(options[o].value);
                }
            if (!s->prop) {
                unsupported(p, s->line, "this ALTER DATABASE ... SET option");
                return;
            }
            k++;
        }
        k = termination_at(p, k, e);
    } else {
        unsupported(p, s->line, "this form of ALTER DATABASE");
        return;
    }
    if (!p->failed && k < e)
        syntax_near(p, k);
}

/* CREATE DATABASE name [COLLATE c]; files (ON ..., LOG ON ...) are not ours. */
static void create_database(P *p, stmt *s, int i, int e)
{
    int k = i + 2;
    if (!is_name(p, k, e)) {
        syntax_near(p, k);
        return;
    }
    s->kind = ST_CREATEDB;
    s->text = tk_text(&p->t[k]);
    s->perm = strdup("CREATE DATABASE");
    s->obj = strdup(s->text);
    k++;
    if (at(p, k, e, "COLLATE"))
        k = collation_at(p, s, k + 1, e);
    else if (at(p, k, e, "ON"))
        unsupported(p, s->line, "CREATE DATABASE ... ON (file specifications)");
    if (!p->failed && k < e)
        syntax_near(p, k);
}

/* BACKUP DATABASE name TO DISK = 'file' [WITH option, ...]: options other
 * than COPY_ONLY (INIT, FORMAT, STATS, CHECKSUM, COMPRESSION...) change
 * nothing here. */
static void backup_database(P *p, stmt *s, int i, int e)
{
    if (!at(p, i + 1, e, "DATABASE")) {
        unsupported(p, s->line, at(p, i + 1, e, "LOG") ? "BACKUP LOG" : "this form of BACKUP");
        return;
    }
    int k = i + 2;
    if (!is_name(p, k, e)) {
        syntax_near(p, k);
        return;
    }
    s->kind = ST_BACKUP;
    s->text = tk_text(&p->t[k]);
    k++;
    if (!at(p, k, e, "TO") || !at(p, k + 1, e, "DISK") || k + 2 >= e || p->t[k + 2].type != TK_OP ||
        p->t[k + 2].p[0] != '=') {
        syntax_near(p, k < e && at(p, k, e, "TO") ? k + 1 : k);
        return;
    }
    k += 3;
    if (k >= e || (p->t[k].type != TK_STR && p->t[k].type != TK_NSTR)) {
        if (k < e && p->t[k].type == TK_VAR)
            unsupported(p, s->line, "BACKUP ... TO DISK = @variable");
        else
            syntax_near(p, k);
        return;
    }
    s->arg = tk_text(&p->t[k]);
    k++;
    if (at(p, k, e, "WITH")) {
        for (k++; k < e; k++)
            if (at(p, k, e, "COPY_ONLY"))
                s->args[0] = 1;
        k = e;
    }
    if (k < e)
        syntax_near(p, k);
}

/* WAITFOR DELAY 'hh:mm[:ss[.mmm]]' (a literal or a variable). */
static void waitfor(P *p, stmt *s, int i, int e)
{
    if (at(p, i + 1, e, "TIME")) {
        unsupported(p, s->line, "WAITFOR TIME");
        return;
    }
    if (!at(p, i + 1, e, "DELAY") || i + 2 >= e) {
        syntax_near(p, i + 1);
        return;
    }
    s->kind = ST_WAITFOR;
    sbuf o = {0};
    sb_adds(&o, "SELECT ");
    xl_sub(p, i + 2, e, &o);
    s->sql = sb_take(&o);
}

int xl_admin(P *p, stmt *s, int i, int e)
{
    token *t = &p->t[i];
    if (tk_is(t, "ALTER") && at(p, i + 1, e, "DATABASE"))
        alter_database(p, s, i, e);
    else if (tk_is(t, "CREATE") && at(p, i + 1, e, "DATABASE"))
        create_database(p, s, i, e);
    else if (tk_is(t, "BACKUP"))
        backup_database(p, s, i, e);
    else if (tk_is(t, "WAITFOR"))
        waitfor(p, s, i, e);
    else
        return 0;
    return 1;
}
