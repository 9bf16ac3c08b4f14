/* Report writers: text (colour on a terminal), JSON, CSV, markdown, and the
 * one-line-per-event listing used by --events and --follow. */
#include "an.h"

#include <stdlib.h>
#include <string.h>

static const char *rule_title(const an_rule *r) { return r ? lia_tr(r->title_fr, r->title_en) : ""; }
static const char *rule_fix(const an_rule *r) { return r ? lia_tr(r->fix_fr, r->fix_en) : ""; }
static const char *rule_cause(const an_rule *r) { return r ? lia_tr(r->cause_fr, r->cause_en) : ""; }

void an_run_titles(const char *t[AN_RUN_TITLES])
{
    t[0] = lia_tr("statut", "status");
    t[1] = lia_tr("début", "start");
    t[2] = lia_tr("fin", "end");
    t[3] = lia_tr("durée", "duration");
    t[4] = lia_tr("avertissements", "warnings");
    t[5] = lia_tr("erreurs", "errors");
}

int64_t an_run_duration(const an_run *r)
{
    if (r->start_ms == LIA_AN_NO_TS || r->end_ms == LIA_AN_NO_TS)
        return -1;
    return r->end_ms - r->start_ms;
}

static const char *enc_name(int e)
{
    switch (e) {
    case AN_ENC_UTF8_BOM: return "UTF-8 BOM";
    case AN_ENC_UTF16LE: return "UTF-16LE";
    case AN_ENC_UTF16BE: return "UTF-16BE";
    default: return "UTF-8";
    }
}

void an_print_event(const lia_an_analysis *a, const an_event *ev, const an_rule *r, int sev, FILE *out)
{
    (void)a;
    const char *key = ev->erp_key ? ev->erp_key : ev->crm_key;
    lia_buf b = LIA_BUF_INIT;
    lia_buf_printf(&b, "%s:%llu\t%s\t%s\t%s\t%s\t%s\t", ev->file ? ev->file : "-",
                   (unsigned long long)ev->line_no, ev->ts ? ev->ts : "-", an_sev_id(sev),
                   r ? r->code : ev->code ? ev->code : "?", ev->entity ? ev->entity : "-",
                   key ? key : "-");
    for (const char *p = ev->message; p && *p; p++)
        lia_buf_addc(&b, *p == '\t' || *p == '\n' ? ' ' : *p);
    if (ev->detail) {
        /* An eighth field: the continuation lines, one line of text. */
        lia_buf_addc(&b, '\t');
        for (size_t i = 0; i < ev->detail_len; i++) {
            char c = ev->detail[i];
            if (c == '\n')
                lia_buf_adds(&b, " \xE2\x8F\x8E ");   /* ⏎ between lines */
            else
                lia_buf_addc(&b, c == '\t' ? ' ' : c);
        }
    }
    lia_buf_addc(&b, '\n');
    fputs(lia_buf_str(&b), out);
    fflush(out);
    lia_buf_free(&b);
}

/* ---- text ---- */
static const char *col(const lia_an_analysis *a, int sev)
{
    static const char *const c[] = {"\033[36m", "\033[33m", "\033[35m", "\033[31m", "\033[1;31m"};
    return a->opt.colour ? c[sev] : "";
}
static const char *rst(const lia_an_analysis *a) { return a->opt.colour ? "\033[0m" : ""; }
static const char *bold(const lia_an_analysis *a) { return a->opt.colour ? "\033[1m" : ""; }

/* Characters, not bytes: keeps columns straight with accented labels. */
static size_t utf8_width(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static void print_counts(FILE *out, const char *label, const an_map *m)
{
    size_t n;
    an_count **v = an_sorted_counts(m, &n);
    if (v && n) {
        fputs(label, out);
        for (size_t i = 0; i < n; i++)
            fprintf(out, "%s %s×%llu", i ? "," : "", v[i]->name, (unsigned long long)v[i]->total);
        fputc('\n', out);
    }
    free(v);
}

static void jcounts(lia_buf *b, const char *name, const an_map *m)
{
    size_t n;
    an_count **v = an_sorted_counts(m, &n);
    lia_buf_printf(b, ",\"%s\":{", name);
    for (size_t i = 0; v && i < n; i++) {
        lia_buf_adds(b, i ? "," : "");
        lia_buf_json_str(b, v[i]->name);
        lia_buf_printf(b, ":%llu", (unsigned long long)v[i]->total);
    }
    lia_buf_addc(b, '}');
    free(v);
}

static int status_sev(int st) { return st == LIA_AN_SUCCESS ? 0 : st == LIA_AN_WARNINGS ? 1 : 3; }

void an_report_text(const lia_an_analysis *a, FILE *out)
{
    uint64_t lines = 0;
    for (size_t i = 0; i < a->n_files; i++)
        lines += a->files[i].st.lines;
    fprintf(out, "%s%s%s : %zu %s, %llu %s, %llu %s, %zu %s\n", bold(a),
            lia_tr("Analyse des journaux", "Journal analysis"), rst(a), a->n_files,
            lia_tr("fichier(s)", "file(s)"), (unsigned long long)lines, lia_tr("lignes", "lines"),
            (unsigned long long)a->events, lia_tr("événements", "events"), a->n_runs,
            lia_tr("exécution(s)", "run(s)"));
    fprintf(out, "%s :", lia_tr("Par sévérité", "By severity"));
    for (int s = 0; s < LIA_AN_SEV_COUNT; s++)
        fprintf(out, " %s%s%s %llu", col(a, s), an_sev_label(s), rst(a), (unsigned long long)a->sev[s]);
    fprintf(out, "\n\n%s%s%s\n", bold(a), lia_tr("Exécutions", "Runs"), rst(a));
    for (size_t i = 0; i < a->n_runs; i++) {
        const an_run *r = a->runs[i];
        char d[32];
        an_fmt_duration(an_run_duration(r), d, sizeof d);
        const char *label = an_status_label(r->status, r->interrupted);
        int pad = 20 - (int)utf8_width(label);
        fprintf(out, "  %-26s %s%s%s%*s %s → %s  (%s)  %s %llu, %s %llu, %s %llu\n", r->id,
                col(a, status_sev(r->status)), label, rst(a), pad > 0 ? pad : 0, "",
                r->start_ts[0] ? r->start_ts : "-", r->end_ts[0] ? r->end_ts : "-", d,
                lia_tr("avert.", "warn."), (unsigned long long)(r->sev[1] + r->sev[2]),
                lia_tr("erreurs", "errors"), (unsigned long long)(r->sev[3] + r->sev[4]),
                lia_tr("événements", "events"), (unsigned long long)r->events);
        print_counts(out, "      codes :", &r->codes);
        print_counts(out, lia_tr("      entités :", "      entities:"), &r->entities);
    }
    size_t n;
    an_count **codes = an_sorted_counts(&a->by_code, &n);
    fprintf(out, "\n%s%s%s\n", bold(a), lia_tr("Principales anomalies", "Top conditions"), rst(a));
    int shown = 0;
    for (size_t i = 0; codes && i < n && shown < a->opt.top; i++) {
        const an_count *c = codes[i];
        int sev = c->rule ? c->rule->severity : LIA_AN_ERROR;
        if (c->rule && c->rule->severity == LIA_AN_INFO)
            continue;
        shown++;
        fprintf(out, "  %s%-16s%s %6llu  %s\n", col(a, sev), c->name, rst(a), (unsigned long long)c->total,
                c->rule ? rule_title(c->rule) : lia_tr("(code absent du catalogue)", "(code not in the catalogue)"));
        if (c->rule) {
            fprintf(out, "      %s : %s\n", lia_tr("Cause", "Cause"), rule_cause(c->rule));
            fprintf(out, "      %s : %s\n", lia_tr("Correction", "Fix"), rule_fix(c->rule));
            if (c->rule->checks)
                fprintf(out, "      %s : liaison diagnose --check %s\n",
                        lia_tr("Contrôle préalable", "Check beforehand"), c->rule->checks);
        }
    }
    if (!shown)
        fprintf(out, "  %s\n", lia_tr("aucune", "none"));
    free(codes);
    an_count **ents = an_sorted_counts(&a->by_entity, &n);
    if (n) {
        fprintf(out, "\n%s%s%s\n", bold(a), lia_tr("Anomalies par entité", "Conditions by entity"), rst(a));
        for (size_t i = 0; i < n; i++)
            fprintf(out, "  %-12s %llu\n", ents[i]->name, (unsigned long long)ents[i]->total);
    }
    free(ents);
    an_record **bl = an_blocked(a, &n);
    fprintf(out, "\n%s%s (%zu)%s\n", bold(a), lia_tr("Enregistrements bloqués", "Blocked records"), n, rst(a));
    for (size_t i = 0; bl && i < n; i++) {
        fprintf(out, "  %-10s %-28s %-16s %s  %s\n", bl[i]->entity, bl[i]->key,
                bl[i]->code ? bl[i]->code : "?", bl[i]->run ? bl[i]->run->id : "-", bl[i]->message);
        /* Continuation lines under their event, indented. */
        for (const char *p = bl[i]->detail; p && *p;) {
            const char *e = strchr(p, '\n');
            int w = e ? (int)(e - p) : (int)strlen(p);
            fprintf(out, "             | %.*s\n", w, p);
            p = e ? e + 1 : p + w;
        }
    }
    free(bl);
    if (a->records_dropped)
        fprintf(out, "  %s %llu\n", lia_tr("enregistrements non suivis (limite atteinte) :",
                                          "records not tracked (limit reached):"),
                (unsigned long long)a->records_dropped);
    an_template **t;
    size_t nt = an_drain_list(a->drain, &t);
    fprintf(out, "\n%s%s (%llu %s)%s\n", bold(a), lia_tr("Lignes inconnues du catalogue", "Lines no rule knows"),
            (unsigned long long)a->unknown, lia_tr("lignes", "lines"), rst(a));
    for (size_t i = 0; i < nt; i++)
        fprintf(out, "  %6llu×  %s\n          %s %s (%s)\n", (unsigned long long)t[i]->count, t[i]->text,
                lia_tr("ex. :", "e.g.:"), t[i]->example, t[i]->where);
    fprintf(out, "\n%s%s%s\n", bold(a), lia_tr("Fichiers", "Files"), rst(a));
    for (size_t i = 0; i < a->n_files; i++) {
        const an_file_info *f = &a->files[i];
        fprintf(out, "  %s  [%s, %s%s]  %llu %s", f->path, f->format ? f->format : "-", enc_name(f->st.encoding),
                f->st.gzip ? ", gzip" : "", (unsigned long long)f->st.lines, lia_tr("lignes", "lines"));
        if (f->st.cp1252)
            fprintf(out, ", %llu %s", (unsigned long long)f->st.cp1252,
                    lia_tr("lues en Windows-1252", "read as Windows-1252"));
        if (f->st.binary)
            fprintf(out, ", %llu %s %llu)", (unsigned long long)f->st.binary,
                    lia_tr("binaires ignorées (première : ligne", "binary skipped (first: line"),
                    (unsigned long long)f->st.first_binary_line);
        if (f->st.unparsed)
            fprintf(out, ", %llu %s %llu)", (unsigned long long)f->st.unparsed,
                    lia_tr("hors format (première : ligne", "not in the format (first: line"),
                    (unsigned long long)f->st.first_unparsed_line);
        if (f->st.too_long)
            fprintf(out, ", %llu %s", (unsigned long long)f->st.too_long, lia_tr("trop longues, coupées", "too long, cut"));
        if (f->st.truncated_last)
            fprintf(out, ", %s", lia_tr("dernière ligne tronquée", "last line truncated"));
        if (f->error)
            fprintf(out, ", %s : %s", lia_tr("erreur", "error"), f->error);
        fprintf(out, "\n");
    }
}

/* ---- JSON ---- */
static void jstr(lia_buf *b, const char *s)
{
    if (s)
        lia_buf_json_str(b, s);
    else
        lia_buf_adds(b, "null");
}

static void jsev(lia_buf *b, const uint64_t *sev)
{
    lia_buf_addc(b, '{');
    for (int s = 0; s < LIA_AN_SEV_COUNT; s++)
        lia_buf_printf(b, "%s\"%s\":%llu", s ? "," : "", an_sev_id(s), (unsigned long long)sev[s]);
    lia_buf_addc(b, '}');
}

void an_report_json(const lia_an_analysis *a, FILE *out)
{
    lia_buf b = LIA_BUF_INIT;
    int st = lia_an_analysis_exit(a);
    lia_buf_printf(&b, "{\"status\":\"%s\",\"events\":%llu,\"classified\":%llu,\"unknown\":%llu,\"severity\":",
                   st == LIA_EXIT_FAILED ? "ECHEC" : st ? "AVERTISSEMENT" : "SUCCES",
                   (unsigned long long)a->events, (unsigned long long)a->classified,
                   (unsigned long long)a->unknown);
    jsev(&b, a->sev);
    lia_buf_adds(&b, ",\n\"runs\":[");
    for (size_t i = 0; i < a->n_runs; i++) {
        const an_run *r = a->runs[i];
        lia_buf_adds(&b, i ? ",\n" : "\n");
        lia_buf_adds(&b, "{\"id\":");
        jstr(&b, r->id);
        lia_buf_adds(&b, ",\"file\":");
        jstr(&b, r->file);
        lia_buf_printf(&b, ",\"status\":\"%s\",\"interrupted\":%s,\"label\":", an_status_id(r->status),
                       r->interrupted ? "true" : "false");
        jstr(&b, an_status_label(r->status, r->interrupted));
        lia_buf_adds(&b, ",\"start\":");
        jstr(&b, r->start_ts[0] ? r->start_ts : NULL);
        lia_buf_adds(&b, ",\"end\":");
        jstr(&b, r->end_ts[0] ? r->end_ts : NULL);
        int64_t d = an_run_duration(r);
        if (d >= 0)
            lia_buf_printf(&b, ",\"duration_ms\":%lld", (long long)d);
        else
            lia_buf_adds(&b, ",\"duration_ms\":null");
        lia_buf_printf(&b, ",\"events\":%llu,\"severity\":", (unsigned long long)r->events);
        jsev(&b, r->sev);
        jcounts(&b, "codes", &r->codes);
        jcounts(&b, "entities", &r->entities);
        lia_buf_adds(&b, ",\"counters\":");
        jstr(&b, r->counters);
        lia_buf_addc(&b, '}');
    }
    lia_buf_adds(&b, "],\n\"codes\":[");
    size_t n;
    an_count **codes = an_sorted_counts(&a->by_code, &n);
    for (size_t i = 0; codes && i < n; i++) {
        const an_count *c = codes[i];
        lia_buf_adds(&b, i ? ",\n" : "\n");
        lia_buf_adds(&b, "{\"code\":");
        jstr(&b, c->name);
        lia_buf_printf(&b, ",\"count\":%llu,\"severity\":", (unsigned long long)c->total);
        jsev(&b, c->sev);
        lia_buf_adds(&b, ",\"known\":");
        lia_buf_adds(&b, c->rule ? "true" : "false");
        if (c->rule) {
            lia_buf_printf(&b, ",\"rule_severity\":\"%s\",\"entity\":", an_sev_id(c->rule->severity));
            jstr(&b, c->rule->entity);
            lia_buf_adds(&b, ",\"check\":");
            jstr(&b, c->rule->checks);
            lia_buf_adds(&b, ",\"title\":");
            jstr(&b, rule_title(c->rule));
            lia_buf_adds(&b, ",\"cause\":");
            jstr(&b, rule_cause(c->rule));
            lia_buf_adds(&b, ",\"fix\":");
            jstr(&b, rule_fix(c->rule));
        }
        lia_buf_addc(&b, '}');
    }
    free(codes);
    lia_buf_adds(&b, "],\n\"entities\":[");
    an_count **ents = an_sorted_counts(&a->by_entity, &n);
    for (size_t i = 0; ents && i < n; i++) {
        lia_buf_adds(&b, i ? "," : "");
        lia_buf_adds(&b, "{\"entity\":");
        jstr(&b, ents[i]->name);
        lia_buf_printf(&b, ",\"count\":%llu,\"severity\":", (unsigned long long)ents[i]->total);
        jsev(&b, ents[i]->sev);
        lia_buf_addc(&b, '}');
    }
    free(ents);
    lia_buf_adds(&b, "],\n\"blocked\":[");
    an_record **bl = an_blocked(a, &n);
    for (size_t i = 0; bl && i < n; i++) {
        lia_buf_adds(&b, i ? ",\n" : "\n");
        lia_buf_adds(&b, "{\"entity\":");
        jstr(&b, bl[i]->entity);
        lia_buf_adds(&b, ",\"key\":");
        jstr(&b, bl[i]->key);
        lia_buf_adds(&b, ",\"code\":");
        jstr(&b, bl[i]->code);
        lia_buf_printf(&b, ",\"severity\":\"%s\",\"run\":", an_sev_id(bl[i]->sev));
        jstr(&b, bl[i]->run ? bl[i]->run->id : NULL);
        lia_buf_adds(&b, ",\"ts\":");
        jstr(&b, bl[i]->ts);
        lia_buf_adds(&b, ",\"where\":");
        jstr(&b, bl[i]->where);
        lia_buf_adds(&b, ",\"message\":");
        jstr(&b, bl[i]->message);
        lia_buf_adds(&b, ",\"detail\":");
        jstr(&b, bl[i]->detail);
        lia_buf_addc(&b, '}');
    }
    free(bl);
    lia_buf_printf(&b, "],\n\"records_not_tracked\":%llu,\n\"unknown_templates\":[",
                   (unsigned long long)a->records_dropped);
    an_template **t;
    size_t nt = an_drain_list(a->drain, &t);
    for (size_t i = 0; i < nt; i++) {
        lia_buf_adds(&b, i ? ",\n" : "\n");
        lia_buf_adds(&b, "{\"template\":");
        jstr(&b, t[i]->text);
        lia_buf_printf(&b, ",\"count\":%llu,\"severity\":\"%s\",\"example\":", (unsigned long long)t[i]->count,
                       an_sev_id(t[i]->sev));
        jstr(&b, t[i]->example);
        lia_buf_adds(&b, ",\"where\":");
        jstr(&b, t[i]->where);
        lia_buf_addc(&b, '}');
    }
    lia_buf_adds(&b, "],\n\"hours\":[");
    an_count **hours = an_sorted_counts(&a->hours, &n);
    /* chronological, not by count */
    for (size_t i = 1; hours && i < n; i++)
        for (size_t k = i; k > 0 && strcmp(hours[k - 1]->name, hours[k]->name) > 0; k--) {
            an_count *x = hours[k];
            hours[k] = hours[k - 1];
            hours[k - 1] = x;
        }
    for (size_t i = 0; hours && i < n; i++) {
        lia_buf_adds(&b, i ? "," : "");
        lia_buf_adds(&b, "{\"hour\":");
        jstr(&b, hours[i]->name);
        lia_buf_adds(&b, ",\"severity\":");
        jsev(&b, hours[i]->sev);
        lia_buf_addc(&b, '}');
    }
    free(hours);
    lia_buf_adds(&b, "],\n\"files\":[");
    for (size_t i = 0; i < a->n_files; i++) {
        const an_file_info *f = &a->files[i];
        lia_buf_adds(&b, i ? ",\n" : "\n");
        lia_buf_adds(&b, "{\"path\":");
        jstr(&b, f->path);
        lia_buf_adds(&b, ",\"format\":");
        jstr(&b, f->format);
        lia_buf_printf(&b, ",\"encoding\":\"%s\",\"gzip\":%s,\"bytes\":%llu,\"lines\":%llu,\"empty\":%llu,"
                           "\"continuation\":%llu,\"continuation_orphans\":%llu,\"binary_skipped\":%llu,"
                           "\"first_binary_line\":%llu,"
                           "\"windows1252_lines\":%llu,\"too_long\":%llu,\"unparsed\":%llu,"
                           "\"truncated_last_line\":%s,\"error\":",
                       enc_name(f->st.encoding), f->st.gzip ? "true" : "false",
                       (unsigned long long)f->st.bytes, (unsigned long long)f->st.lines,
                       (unsigned long long)f->st.empty, (unsigned long long)f->st.continuation,
                       (unsigned long long)f->st.orphans, (unsigned long long)f->st.binary, (unsigned long long)f->st.first_binary_line,
                       (unsigned long long)f->st.cp1252, (unsigned long long)f->st.too_long,
                       (unsigned long long)f->st.unparsed, f->st.truncated_last ? "true" : "false");
        jstr(&b, f->error);
        lia_buf_addc(&b, '}');
    }
    lia_buf_adds(&b, "]}\n");
    fputs(lia_buf_str(&b), out);
    lia_buf_free(&b);
}

/* ---- CSV: one table, the first column says which kind of row ---- */
static void csv_row(FILE *out, const char *const *f, int n)
{
    lia_buf b = LIA_BUF_INIT;
    for (int i = 0; i < n; i++) {
        if (i)
            lia_buf_addc(&b, ',');
        lia_buf_csv_field(&b, f[i] ? f[i] : "", ',');
    }
    lia_buf_adds(&b, "\r\n");
    fputs(lia_buf_str(&b), out);
    lia_buf_free(&b);
}

void an_report_csv(const lia_an_analysis *a, FILE *out)
{
    static const char *const head[] = {"kind", "id", "status", "severity", "entity", "key", "code",
                                       "count", "start", "end", "duration_ms", "title", "fix", "message"};
    csv_row(out, head, 14);
    char cnt[32], dur[32];
    for (size_t i = 0; i < a->n_runs; i++) {
        const an_run *r = a->runs[i];
        snprintf(cnt, sizeof cnt, "%llu", (unsigned long long)r->events);
        int64_t d = an_run_duration(r);
        snprintf(dur, sizeof dur, "%lld", (long long)d);
        const char *f[] = {"run", r->id, an_status_label(r->status, r->interrupted), NULL, NULL, NULL, NULL,
                           cnt, r->start_ts, r->end_ts, d >= 0 ? dur : "", NULL, NULL, r->file};
        csv_row(out, f, 14);
    }
    size_t n;
    an_count **codes = an_sorted_counts(&a->by_code, &n);
    for (size_t i = 0; codes && i < n; i++) {
        const an_count *c = codes[i];
        snprintf(cnt, sizeof cnt, "%llu", (unsigned long long)c->total);
        const char *f[] = {"code", NULL, NULL, c->rule ? an_sev_id(c->rule->severity) : NULL,
                           c->rule ? c->rule->entity : NULL, NULL, c->name, cnt, NULL, NULL, NULL,
                           rule_title(c->rule), rule_fix(c->rule), NULL};
        csv_row(out, f, 14);
    }
    free(codes);
    an_record **bl = an_blocked(a, &n);
    lia_buf m = LIA_BUF_INIT;
    for (size_t i = 0; bl && i < n; i++) {
        /* The continuation lines follow the message in its cell (quoted). */
        lia_buf_reset(&m);
        lia_buf_adds(&m, bl[i]->message ? bl[i]->message : "");
        if (bl[i]->detail) {
            lia_buf_addc(&m, '\n');
            lia_buf_adds(&m, bl[i]->detail);
        }
        const char *f[] = {"blocked", bl[i]->run ? bl[i]->run->id : NULL, NULL, an_sev_id(bl[i]->sev),
                           bl[i]->entity, bl[i]->key, bl[i]->code, NULL, bl[i]->ts, NULL, NULL, NULL, NULL,
                           lia_buf_str(&m)};
        csv_row(out, f, 14);
    }
    lia_buf_free(&m);
    free(bl);
    an_template **t;
    size_t nt = an_drain_list(a->drain, &t);
    for (size_t i = 0; i < nt; i++) {
        snprintf(cnt, sizeof cnt, "%llu", (unsigned long long)t[i]->count);
        const char *f[] = {"unknown", t[i]->where, NULL, an_sev_id(t[i]->sev), NULL, NULL, NULL, cnt, NULL,
                           NULL, NULL, t[i]->text, NULL, t[i]->example};
        csv_row(out, f, 14);
    }
}

/* ---- markdown ---- */
static void md(FILE *out, const char *s)
{
    lia_buf b = LIA_BUF_INIT;
    lia_buf_md_cell(&b, s ? s : "");
    fputs(lia_buf_str(&b), out);
    lia_buf_free(&b);
}

void an_report_md(const lia_an_analysis *a, FILE *out)
{
    fprintf(out, "# %s\n\n", lia_tr("Analyse des journaux de synchronisation", "Synchronisation journal analysis"));
    fprintf(out, "%llu %s, %zu %s.", (unsigned long long)a->events, lia_tr("événements", "events"), a->n_runs,
            lia_tr("exécution(s)", "run(s)"));
    for (int s = 0; s < LIA_AN_SEV_COUNT; s++)
        fprintf(out, " %s : %llu%s", an_sev_label(s), (unsigned long long)a->sev[s], s < 4 ? "," : "");
    const char *titles[AN_RUN_TITLES];
    an_run_titles(titles);
    fprintf(out, "\n\n## %s\n\n| run |", lia_tr("Exécutions", "Runs"));
    for (int k = 0; k < AN_RUN_TITLES; k++)
        fprintf(out, " %s |", titles[k]);
    fprintf(out, "\n|---|---|---|---|---|---|---|\n");
    for (size_t i = 0; i < a->n_runs; i++) {
        const an_run *r = a->runs[i];
        char d[32];
        an_fmt_duration(an_run_duration(r), d, sizeof d);
        fprintf(out, "| ");
        md(out, r->id);
        fprintf(out, " | %s | %s | %s | %s | %llu | %llu |\n", an_status_label(r->status, r->interrupted),
                r->start_ts[0] ? r->start_ts : "-", r->end_ts[0] ? r->end_ts : "-", d,
                (unsigned long long)(r->sev[1] + r->sev[2]), (unsigned long long)(r->sev[3] + r->sev[4]));
    }
    size_t n;
    an_count **codes = an_sorted_counts(&a->by_code, &n);
    fprintf(out, "\n## %s\n\n| code | %s | %s | %s |\n|---|---|---|---|\n",
            lia_tr("Principales anomalies", "Top conditions"), lia_tr("nombre", "count"),
            lia_tr("anomalie", "condition"), lia_tr("correction", "fix"));
    for (size_t i = 0; codes && i < n && (int)i < a->opt.top; i++) {
        fprintf(out, "| `%s` | %llu | ", codes[i]->name, (unsigned long long)codes[i]->total);
        md(out, rule_title(codes[i]->rule));
        fprintf(out, " | ");
        md(out, rule_fix(codes[i]->rule));
        fprintf(out, " |\n");
    }
    free(codes);
    an_record **bl = an_blocked(a, &n);
    fprintf(out, "\n## %s (%zu)\n\n| %s | %s | code | run | message |\n|---|---|---|---|---|\n",
            lia_tr("Enregistrements bloqués", "Blocked records"), n, lia_tr("entité", "entity"),
            lia_tr("clé", "key"));
    for (size_t i = 0; bl && i < n; i++) {
        fprintf(out, "| %s | ", bl[i]->entity);
        md(out, bl[i]->key);
        fprintf(out, " | %s | %s | ", bl[i]->code ? bl[i]->code : "?", bl[i]->run ? bl[i]->run->id : "-");
        md(out, bl[i]->message);
        for (const char *p = bl[i]->detail; p && *p;) {   /* continuation lines, one per <br> */
            const char *e = strchr(p, '\n');
            size_t w = e ? (size_t)(e - p) : strlen(p);
            char *one = strndup(p, w);
            fprintf(out, "<br>");
            md(out, one);
            free(one);
            p = e ? e + 1 : p + w;
        }
        fprintf(out, " |\n");
    }
    free(bl);
    an_template **t;
    size_t nt = an_drain_list(a->drain, &t);
    fprintf(out, "\n## %s\n\n| %s | %s | %s |\n|---|---|---|\n", lia_tr("Lignes inconnues du catalogue", "Lines no rule knows"),
            lia_tr("nombre", "count"), lia_tr("modèle", "template"), lia_tr("exemple", "example"));
    for (size_t i = 0; i < nt; i++) {
        fprintf(out, "| %llu | ", (unsigned long long)t[i]->count);
        md(out, t[i]->text);
        fprintf(out, " | ");
        md(out, t[i]->example);
        fprintf(out, " |\n");
    }
}
