/* Report writers of `liaison diagnose`: pure functions from results to text,
 * JSON, CSV, markdown and a self-contained HTML page.  Findings are ordered
 * by priority then id; checks that were not evaluated are always listed. */
#include "liaison/diag.h"

#include "build_config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *prio_label(int p)
{
    if (p <= 1)
        return lia_tr("bloque la synchronisation", "blocks synchronisation");
    if (p <= 10)
        return lia_tr("élevée", "high");
    if (p <= 50)
        return lia_tr("moyenne", "medium");
    if (p <= 100)
        return lia_tr("faible", "low");
    return lia_tr("information", "information");
}

static const char *hist_name(lia_diag_hist h)
{
    switch (h) {
    case LIA_DIAG_H_NEW: return "new";
    case LIA_DIAG_H_KNOWN: return "known";
    case LIA_DIAG_H_FIXED: return "fixed";
    default: return "";
    }
}

static const char *hist_label(lia_diag_hist h)
{
    switch (h) {
    case LIA_DIAG_H_NEW: return lia_tr("nouveau", "new");
    case LIA_DIAG_H_KNOWN: return lia_tr("déjà signalé", "known");
    case LIA_DIAG_H_FIXED: return lia_tr("corrigé", "fixed");
    default: return "";
    }
}

static const char *status_name(lia_diag_status s)
{
    switch (s) {
    case LIA_DIAG_FOUND: return "found";
    case LIA_DIAG_SKIPPED: return "skipped";
    case LIA_DIAG_FAILED: return "failed";
    default: return "clean";
    }
}

/* French typography puts a space before a colon, English does not. */
static const char *colon(void) { return lia_tr(" : ", ": "); }

/* Heading of the list of checks skipped or failed. */
static const char *status_title(lia_diag_status st)
{
    return st == LIA_DIAG_SKIPPED ? lia_tr("Contrôles non évalués", "Checks not evaluated")
                                  : lia_tr("Contrôles en échec", "Checks that failed");
}

/* "why — sync error expected: CODES" */
static void details(lia_buf *b, const lia_diag_check *c)
{
    lia_buf_adds(b, lia_diag_why(c));
    if (c->codes && strcmp(c->codes, "-") != 0)
        lia_buf_printf(b, " %s %s", lia_tr("Erreur de synchronisation prévue :",
                                           "Expected synchronisation error:"), c->codes);
}

static size_t shown_keys(const lia_diag_result *r, const lia_diag_write_opts *o)
{
    return (o->max_keys && o->max_keys < r->nkeys) ? o->max_keys : r->nkeys;
}

/* "K1, K2 (value), … (+N)" */
static void keys_line(lia_buf *b, const lia_diag_result *r, const lia_diag_write_opts *o)
{
    size_t n = shown_keys(r, o);
    for (size_t i = 0; i < n; i++) {
        if (i)
            lia_buf_adds(b, ", ");
        /* An empty or space-padded key (D003, D002) would be invisible: quote it. */
        const char *k = r->keys[i];
        size_t kl = strlen(k);
        if (kl == 0 || k[0] == ' ' || k[kl - 1] == ' ')
            lia_buf_printf(b, "'%s'", k);
        else
            lia_buf_adds(b, k);
        if (r->values[i] && *r->values[i])
            lia_buf_printf(b, " (%s)", r->values[i]);
    }
    if ((int64_t)n < r->count)
        lia_buf_printf(b, "%s… (+%lld)", n ? " " : "", (long long)(r->count - (int64_t)n));
}

/* Indexes of results with a given status, findings by priority then id. */
static size_t *order(const lia_diag_report *r, lia_diag_status st, size_t *n)
{
    size_t *ix = malloc((r->n ? r->n : 1) * sizeof *ix);
    *n = 0;
    if (!ix)
        return NULL;
    for (size_t i = 0; i < r->n; i++)
        if (r->results[i].status == st)
            ix[(*n)++] = i;
    for (size_t i = 1; i < *n; i++) {   /* insertion sort: tens of items */
        size_t v = ix[i], j = i;
        const lia_diag_check *cv = r->results[v].check;
        while (j > 0) {
            const lia_diag_check *cp = r->results[ix[j - 1]].check;
            if (cp->priority < cv->priority ||
                (cp->priority == cv->priority && strcmp(cp->id, cv->id) <= 0))
                break;
            ix[j] = ix[j - 1];
            j--;
        }
        ix[j] = v;
    }
    return ix;
}

static size_t *fixed_order(const lia_diag_report *r, size_t *n)
{
    size_t *ix = malloc((r->n ? r->n : 1) * sizeof *ix);
    *n = 0;
    if (!ix)
        return NULL;
    for (size_t i = 0; i < r->n; i++)
        if (r->results[i].hist == LIA_DIAG_H_FIXED)
            ix[(*n)++] = i;
    return ix;
}

static void summary(lia_buf *b, const lia_diag_report *r)
{
    size_t found, skipped, failed, clean;
    lia_diag_report_counts(r, &found, &skipped, &failed, &clean);
    lia_buf_printf(b, lia_tr("%zu contrôles : %zu avec constats, %zu sans constat, %zu non évalués, %zu en échec",
                             "%zu checks: %zu with findings, %zu clean, %zu not evaluated, %zu failed"),
                   r->n, found, clean, skipped, failed);
}

/* ---- text ---- */

#define C_RESET "\033[0m"
#define C_BOLD "\033[1m"

static const char *prio_color(int p)
{
    return p <= 1 ? "\033[1;31m" : p <= 10 ? "\033[33m" : p <= 50 ? "\033[36m" : "";
}

static void write_text(const lia_diag_report *r, const lia_diag_write_opts *o, lia_buf *b)
{
    const char *bold = o->color ? C_BOLD : "", *reset = o->color ? C_RESET : "";
    lia_buf_printf(b, "%s%s%s %s%s%s", bold, lia_tr("Diagnostic GesCom :", "GesCom diagnostic:"), reset,
                   lia_tr("base ", "database "), r->database, r->server[0] ? "" : "");
    if (r->server[0])
        lia_buf_printf(b, " (%s)", r->server);
    lia_buf_printf(b, ", %s, %.1f s\n", r->started, r->elapsed_ms / 1000.0);
    summary(b, r);
    lia_buf_adds(b, "\n");
    size_t n, *ix = order(r, LIA_DIAG_FOUND, &n);
    if (!ix) {
        b->oom = 1;
        return;
    }
    int cur = -1;
    for (size_t k = 0; k < n; k++) {
        const lia_diag_result *res = &r->results[ix[k]];
        const lia_diag_check *c = res->check;
        if (c->priority != cur) {
            cur = c->priority;
            lia_buf_printf(b, "\n%s%s %d%s%s%s\n", o->color ? prio_color(cur) : "",
                           lia_tr("Priorité", "Priority"), cur, colon(), prio_label(cur), reset);
        }
        lia_buf_printf(b, "%s%s%s  %s  %s%s%lld", bold, c->id, reset, lia_diag_group(c),
                       lia_diag_title(c), colon(), (long long)res->count);
        if (res->hist == LIA_DIAG_H_NEW)
            lia_buf_printf(b, " [%s]", hist_label(res->hist));
        else if (res->hist == LIA_DIAG_H_KNOWN)
            lia_buf_printf(b, " [%s, %s %lld%s]", hist_label(res->hist), lia_tr("avant", "before"),
                           (long long)res->prev_count,
                           res->new_keys ? lia_tr(", nouvelles clés", ", new keys") : "");
        lia_buf_printf(b, "\n    %s ", lia_tr("clés :", "keys:"));
        keys_line(b, res, o);
        lia_buf_printf(b, "\n    %s ", lia_tr("détail :", "details:"));
        details(b, c);
        lia_buf_printf(b, "\n    %s %s\n", lia_tr("correction :", "fix:"), lia_diag_fix(c));
    }
    free(ix);
    for (int st = LIA_DIAG_SKIPPED; st <= LIA_DIAG_FAILED; st++) {
        ix = order(r, (lia_diag_status)st, &n);
        if (!ix) {
            b->oom = 1;
            return;
        }
        if (n)
            lia_buf_printf(b, "\n%s%s%s\n", bold, status_title((lia_diag_status)st), reset);
        for (size_t k = 0; k < n; k++) {
            const lia_diag_result *res = &r->results[ix[k]];
            lia_buf_printf(b, "%s  %s%s%s\n", res->check->id, lia_diag_title(res->check), colon(),
                           res->reason ? res->reason : "");
        }
        free(ix);
    }
    ix = fixed_order(r, &n);
    if (!ix) {
        b->oom = 1;
        return;
    }
    if (n)
        lia_buf_printf(b, "\n%s%s%s\n", bold, lia_tr("Corrigés depuis l'exécution précédente",
                                                     "Fixed since the previous run"), reset);
    for (size_t k = 0; k < n; k++) {
        const lia_diag_result *res = &r->results[ix[k]];
        lia_buf_printf(b, "%s  %s (%s %lld)\n", res->check->id, lia_diag_title(res->check),
                       lia_tr("avant", "before"), (long long)res->prev_count);
    }
    free(ix);
    size_t found;
    lia_diag_report_counts(r, &found, NULL, NULL, NULL);
    if (!found)
        lia_buf_printf(b, "\n%s\n", lia_tr("Aucun constat.", "No findings."));
}

/* ---- json ---- */

static void json_kv(lia_buf *b, const char *k, const char *v, int comma)
{
    lia_buf_printf(b, "%s\"%s\": ", comma ? ", " : "", k);
    if (v)
        lia_buf_json_str(b, v);
    else
        lia_buf_adds(b, "null");
}

static void json_codes(lia_buf *b, const char *codes)
{
    lia_buf_adds(b, "[");
    if (codes && strcmp(codes, "-") != 0) {
        const char *p = codes;
        int first = 1;
        while (*p) {
            while (*p == ' ' || *p == ',')
                p++;
            size_t n = strcspn(p, ", ");
            if (!n)
                break;
            char tmp[64];
            snprintf(tmp, sizeof tmp, "%.*s", (int)(n < 63 ? n : 63), p);
            if (!first)
                lia_buf_adds(b, ", ");
            lia_buf_json_str(b, tmp);
            first = 0;
            p += n;
        }
    }
    lia_buf_adds(b, "]");
}

static void write_json(const lia_diag_report *r, const lia_diag_write_opts *o, lia_buf *b)
{
    size_t found, skipped, failed, clean;
    lia_diag_report_counts(r, &found, &skipped, &failed, &clean);
    lia_buf_adds(b, "{");
    json_kv(b, "tool", "liaison diagnose", 0);
    json_kv(b, "version", LIA_VERSION, 1);
    json_kv(b, "server", r->server, 1);
    json_kv(b, "database", r->database, 1);
    json_kv(b, "started", r->started, 1);
    lia_buf_printf(b, ", \"elapsed_ms\": %ld, \"checks\": %zu, \"found\": %zu, \"clean\": %zu, "
                      "\"skipped\": %zu, \"failed\": %zu, \"results\": [",
                   r->elapsed_ms, r->n, found, clean, skipped, failed);
    size_t n, *ix = order(r, LIA_DIAG_FOUND, &n);
    if (!ix) {
        b->oom = 1;
        return;
    }
    int first = 1;
    /* Findings first (priority order), then everything else in catalogue order. */
    for (int pass = 0; pass < 2; pass++) {
        size_t m = pass == 0 ? n : r->n;
        for (size_t k = 0; k < m; k++) {
            const lia_diag_result *res = pass == 0 ? &r->results[ix[k]] : &r->results[k];
            if (pass == 1 && res->status == LIA_DIAG_FOUND)
                continue;
            const lia_diag_check *c = res->check;
            lia_buf_adds(b, first ? "\n  {" : ",\n  {");
            first = 0;
            json_kv(b, "check", c->id, 0);
            lia_buf_printf(b, ", \"priority\": %d", c->priority);
            json_kv(b, "group", c->group, 1);
            json_kv(b, "status", status_name(res->status), 1);
            json_kv(b, "finding", lia_diag_title(c), 1);
            lia_buf_printf(b, ", \"count\": %lld, \"keys\": [", (long long)res->count);
            size_t sk = res->status == LIA_DIAG_FOUND ? shown_keys(res, o) : 0;
            for (size_t i = 0; i < sk; i++) {
                if (i)
                    lia_buf_adds(b, ", ");
                lia_buf_json_str(b, res->keys[i]);
            }
            lia_buf_adds(b, "], \"values\": [");
            for (size_t i = 0; i < sk; i++) {
                if (i)
                    lia_buf_adds(b, ", ");
                if (res->values[i])
                    lia_buf_json_str(b, res->values[i]);
                else
                    lia_buf_adds(b, "null");
            }
            lia_buf_adds(b, "], \"codes\": ");
            json_codes(b, c->codes);
            lia_buf t = LIA_BUF_INIT;
            details(&t, c);
            json_kv(b, "details", lia_buf_str(&t), 1);
            lia_buf_free(&t);
            json_kv(b, "fix", lia_diag_fix(c), 1);
            json_kv(b, "reason", res->reason, 1);
            if (r->history) {
                json_kv(b, "history", res->hist == LIA_DIAG_H_NONE ? NULL : hist_name(res->hist), 1);
                lia_buf_printf(b, ", \"previous_count\": %lld, \"new_keys\": %zu",
                               (long long)res->prev_count, res->new_keys);
            }
            lia_buf_printf(b, ", \"elapsed_ms\": %ld}", res->elapsed_ms);
        }
    }
    free(ix);
    lia_buf_adds(b, "\n]}\n");
}

/* ---- csv ---- */

static void write_csv(const lia_diag_report *r, const lia_diag_write_opts *o, lia_buf *b)
{
    char sep = o->sep ? o->sep : ';';
    if (o->bom)
        lia_buf_adds(b, "\xEF\xBB\xBF");
    static const char *const head[] = {"check", "priority", "group", "finding", "count", "keys",
                                       "details", "fix", "status", "history"};
    for (size_t i = 0; i < sizeof head / sizeof head[0]; i++) {
        if (i)
            lia_buf_addc(b, sep);
        lia_buf_adds(b, head[i]);
    }
    lia_buf_adds(b, "\r\n");
    size_t n, *ix = order(r, LIA_DIAG_FOUND, &n);
    if (!ix) {
        b->oom = 1;
        return;
    }
    for (int pass = 0; pass < 2; pass++) {
        size_t m = pass == 0 ? n : r->n;
        for (size_t k = 0; k < m; k++) {
            const lia_diag_result *res = pass == 0 ? &r->results[ix[k]] : &r->results[k];
            if (pass == 1 && res->status != LIA_DIAG_SKIPPED && res->status != LIA_DIAG_FAILED &&
                res->hist != LIA_DIAG_H_FIXED)
                continue;
            const lia_diag_check *c = res->check;
            lia_buf t = LIA_BUF_INIT;
            char num[32];
            lia_buf_csv_field(b, c->id, sep);
            lia_buf_addc(b, sep);
            snprintf(num, sizeof num, "%d", c->priority);
            lia_buf_csv_field(b, num, sep);
            lia_buf_addc(b, sep);
            lia_buf_csv_field(b, lia_diag_group(c), sep);
            lia_buf_addc(b, sep);
            lia_buf_csv_field(b, lia_diag_title(c), sep);
            lia_buf_addc(b, sep);
            snprintf(num, sizeof num, "%lld", (long long)res->count);
            lia_buf_csv_field(b, res->status == LIA_DIAG_FOUND ? num : "", sep);
            lia_buf_addc(b, sep);
            if (res->status == LIA_DIAG_FOUND)
                keys_line(&t, res, o);
            lia_buf_csv_field(b, lia_buf_str(&t), sep);
            lia_buf_addc(b, sep);
            lia_buf_reset(&t);
            if (res->reason)
                lia_buf_adds(&t, res->reason);
            else
                details(&t, c);
            lia_buf_csv_field(b, lia_buf_str(&t), sep);
            lia_buf_addc(b, sep);
            lia_buf_csv_field(b, lia_diag_fix(c), sep);
            lia_buf_addc(b, sep);
            lia_buf_csv_field(b, status_name(res->status), sep);
            lia_buf_addc(b, sep);
            lia_buf_csv_field(b, hist_name(res->hist), sep);
            lia_buf_adds(b, "\r\n");
            lia_buf_free(&t);
        }
    }
    free(ix);
}

/* ---- markdown ---- */

/* Markdown and HTML write the same pieces, each with its own escaper. */
typedef int (*escaper)(lia_buf *, const char *);

/* The last cells of a finding's row (keys, details, fix), separated by sep; t is scratch. */
static void row_tail(lia_buf *b, lia_buf *t, const lia_diag_result *res, const lia_diag_write_opts *o, escaper esc,
                     const char *sep)
{
    lia_buf_reset(t);
    keys_line(t, res, o);
    esc(b, lia_buf_str(t));
    lia_buf_adds(b, sep);
    lia_buf_reset(t);
    details(t, res->check);
    esc(b, lia_buf_str(t));
    lia_buf_adds(b, sep);
    esc(b, lia_diag_fix(res->check));
}

/* The start of a list item: the check's id between open and close, then its title. */
static void item_head(lia_buf *b, const lia_diag_result *res, escaper esc, const char *open, const char *close)
{
    lia_buf_adds(b, open);
    lia_buf_adds(b, res->check->id);
    lia_buf_adds(b, close);
    esc(b, lia_diag_title(res->check));
}

/* A skipped or failed check's list item: id, title and why. */
static void reason_item(lia_buf *b, const lia_diag_result *res, escaper esc, const char *open, const char *close,
                        const char *end)
{
    item_head(b, res, esc, open, close);
    lia_buf_adds(b, colon());
    esc(b, res->reason ? res->reason : "");
    lia_buf_adds(b, end);
}

static void write_md(const lia_diag_report *r, const lia_diag_write_opts *o, lia_buf *b)
{
    lia_buf_printf(b, "# %s %s\n\n", lia_tr("Diagnostic GesCom : base", "GesCom diagnostic: database"),
                   r->database);
    lia_buf_printf(b, "%s %s", lia_tr("Exécuté le", "Run on"), r->started);
    if (r->server[0])
        lia_buf_printf(b, " (%s)", r->server);
    lia_buf_adds(b, ". ");
    summary(b, r);
    lia_buf_adds(b, ".\n\n");
    size_t n, *ix = order(r, LIA_DIAG_FOUND, &n);
    if (!ix) {
        b->oom = 1;
        return;
    }
    if (n) {
        lia_buf_printf(b, "| %s |\n|---|---|---|---|---:|---|---|---|\n",
                       lia_tr("Contrôle | Priorité | Groupe | Constat | Nombre | Clés | Détail | Correction",
                              "Check | Priority | Group | Finding | Count | Keys | Details | Fix"));
        for (size_t k = 0; k < n; k++) {
            const lia_diag_result *res = &r->results[ix[k]];
            const lia_diag_check *c = res->check;
            lia_buf t = LIA_BUF_INIT;
            lia_buf_printf(b, "| %s | %d | ", c->id, c->priority);
            lia_buf_md_cell(b, lia_diag_group(c));
            lia_buf_adds(b, " | ");
            lia_buf_md_cell(b, lia_diag_title(c));
            if (res->hist == LIA_DIAG_H_NEW)
                lia_buf_printf(b, " (%s)", hist_label(res->hist));
            lia_buf_printf(b, " | %lld | ", (long long)res->count);
            row_tail(b, &t, res, o, lia_buf_md_cell, " | ");
            lia_buf_adds(b, " |\n");
            lia_buf_free(&t);
        }
    } else {
        lia_buf_printf(b, "%s\n", lia_tr("Aucun constat.", "No findings."));
    }
    free(ix);
    for (int st = LIA_DIAG_SKIPPED; st <= LIA_DIAG_FAILED; st++) {
        ix = order(r, (lia_diag_status)st, &n);
        if (!ix) {
            b->oom = 1;
            return;
        }
        if (n)
            lia_buf_printf(b, "\n## %s\n\n", status_title((lia_diag_status)st));
        for (size_t k = 0; k < n; k++)
            reason_item(b, &r->results[ix[k]], lia_buf_md_cell, "- **", "** ", "\n");
        free(ix);
    }
    ix = fixed_order(r, &n);
    if (!ix) {
        b->oom = 1;
        return;
    }
    if (n)
        lia_buf_printf(b, "\n## %s\n\n", lia_tr("Corrigés depuis l'exécution précédente",
                                                "Fixed since the previous run"));
    for (size_t k = 0; k < n; k++) {
        const lia_diag_result *res = &r->results[ix[k]];
        item_head(b, res, lia_buf_md_cell, "- **", "** ");
        lia_buf_printf(b, " (%s %lld)\n", lia_tr("avant", "before"), (long long)res->prev_count);
    }
    free(ix);
}

/* ---- html ---- */

static const char html_style[] =
    "body{font-family:system-ui,sans-serif;margin:2em;color:#222}"
    "table{border-collapse:collapse;width:100%;margin-bottom:1.5em}"
    "th,td{border:1px solid #ccc;padding:.3em .5em;vertical-align:top;text-align:left}"
    "th{background:#f0f0f0}td.n{text-align:right}code{font-size:.9em}"
    "h2.p1{color:#b00}h2.p10{color:#b60}h2.p50{color:#06a}"
    ".new{background:#fe8;padding:0 .3em;border-radius:3px}.sum{color:#555}";

static void write_html(const lia_diag_report *r, const lia_diag_write_opts *o, lia_buf *b)
{
    lia_buf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
                      "<title>%s ",
                   lia_get_lang() == LIA_LANG_EN ? "en" : "fr",
                   lia_tr("Diagnostic GesCom", "GesCom diagnostic"));
    lia_buf_html(b, r->database);
    lia_buf_printf(b, "</title><style>%s</style></head><body>\n<h1>%s ", html_style,
                   lia_tr("Diagnostic GesCom : base", "GesCom diagnostic: database"));
    lia_buf_html(b, r->database);
    lia_buf_adds(b, "</h1>\n<p class=\"sum\">");
    lia_buf_html(b, r->started);
    if (r->server[0]) {
        lia_buf_adds(b, " — ");
        lia_buf_html(b, r->server);
    }
    lia_buf_adds(b, ". ");
    lia_buf t = LIA_BUF_INIT;
    summary(&t, r);
    lia_buf_html(b, lia_buf_str(&t));
    lia_buf_adds(b, ".</p>\n");
    size_t n, *ix = order(r, LIA_DIAG_FOUND, &n);
    if (!ix) {
        b->oom = 1;
        lia_buf_free(&t);
        return;
    }
    int cur = -1;
    for (size_t k = 0; k < n; k++) {
        const lia_diag_result *res = &r->results[ix[k]];
        const lia_diag_check *c = res->check;
        if (c->priority != cur) {
            if (cur != -1)
                lia_buf_adds(b, "</table>\n");
            cur = c->priority;
            lia_buf_printf(b, "<h2 class=\"p%d\">%s %d : ", cur, lia_tr("Priorité", "Priority"), cur);
            lia_buf_html(b, prio_label(cur));
            lia_buf_printf(b, "</h2>\n<table><tr><th>%s</th></tr>\n",
                           lia_tr("Contrôle</th><th>Groupe</th><th>Constat</th><th>Nombre</th><th>Clés"
                                  "</th><th>Détail</th><th>Correction",
                                  "Check</th><th>Group</th><th>Finding</th><th>Count</th><th>Keys"
                                  "</th><th>Details</th><th>Fix"));
        }
        lia_buf_printf(b, "<tr><td><code>%s</code></td><td>", c->id);
        lia_buf_html(b, lia_diag_group(c));
        lia_buf_adds(b, "</td><td>");
        lia_buf_html(b, lia_diag_title(c));
        if (res->hist == LIA_DIAG_H_NEW) {
            lia_buf_adds(b, " <span class=\"new\">");
            lia_buf_html(b, hist_label(res->hist));
            lia_buf_adds(b, "</span>");
        }
        lia_buf_printf(b, "</td><td class=\"n\">%lld</td><td>", (long long)res->count);
        row_tail(b, &t, res, o, lia_buf_html, "</td><td>");
        lia_buf_adds(b, "</td></tr>\n");
    }
    if (cur != -1)
        lia_buf_adds(b, "</table>\n");
    else
        lia_buf_printf(b, "<p>%s</p>\n", lia_tr("Aucun constat.", "No findings."));
    free(ix);
    for (int st = LIA_DIAG_SKIPPED; st <= LIA_DIAG_FAILED; st++) {
        ix = order(r, (lia_diag_status)st, &n);
        if (!ix)
            break;
        if (n) {
            lia_buf_adds(b, "<h2>");
            lia_buf_html(b, status_title((lia_diag_status)st));
            lia_buf_adds(b, "</h2>\n<ul>\n");
        }
        for (size_t k = 0; k < n; k++)
            reason_item(b, &r->results[ix[k]], lia_buf_html, "<li><code>", "</code> ", "</li>\n");
        if (n)
            lia_buf_adds(b, "</ul>\n");
        free(ix);
    }
    ix = fixed_order(r, &n);
    if (ix && n) {
        lia_buf_adds(b, "<h2>");
        lia_buf_html(b, lia_tr("Corrigés depuis l'exécution précédente", "Fixed since the previous run"));
        lia_buf_adds(b, "</h2>\n<ul>\n");
        for (size_t k = 0; k < n; k++) {
            const lia_diag_result *res = &r->results[ix[k]];
            item_head(b, res, lia_buf_html, "<li><code>", "</code> ");
            lia_buf_printf(b, " (%s %lld)</li>\n", lia_tr("avant", "before"), (long long)res->prev_count);
        }
        lia_buf_adds(b, "</ul>\n");
    }
    free(ix);
    lia_buf_free(&t);
    lia_buf_adds(b, "</body></html>\n");
}

int lia_diag_report_write(const lia_diag_report *r, lia_diag_format fmt,
                          const lia_diag_write_opts *o, lia_buf *out)
{
    lia_diag_write_opts def = {0, 0, 0, ';'};
    if (!o)
        o = &def;
    switch (fmt) {
    case LIA_DIAG_TEXT: write_text(r, o, out); break;
    case LIA_DIAG_JSON: write_json(r, o, out); break;
    case LIA_DIAG_CSV: write_csv(r, o, out); break;
    case LIA_DIAG_MARKDOWN: write_md(r, o, out); break;
    case LIA_DIAG_HTML: write_html(r, o, out); break;
    }
    return out->oom ? -1 : 0;
}
