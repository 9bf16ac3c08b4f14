/* The self-contained HTML report: inline CSS, inline SVG charts (events per
 * hour by severity, top codes), the JSON report embedded for the small
 * script that writes the summary and sorts tables.  No network: a CSP
 * forbids every fetch. */
#include "an.h"

#include <stdlib.h>
#include <string.h>

static const char *const sev_colour[] = {"#4a90c2", "#e0a800", "#b36bd1", "#d9534f", "#7a0010"};

static void h(FILE *out, const char *s)
{
    lia_buf b = LIA_BUF_INIT;
    lia_buf_html(&b, s ? s : "");
    fputs(lia_buf_str(&b), out);
    lia_buf_free(&b);
}

static int cmp_name(const void *x, const void *y)
{
    return strcmp((*(an_count *const *)x)->name, (*(an_count *const *)y)->name);
}

static void chart_hours(const lia_an_analysis *a, FILE *out)
{
    size_t n;
    an_count **hs = an_sorted_counts(&a->hours, &n);
    if (!hs || n == 0) {
        free(hs);
        fprintf(out, "<p>%s</p>\n", lia_tr("aucun horodatage", "no timestamps"));
        return;
    }
    qsort(hs, n, sizeof *hs, cmp_name);
    size_t first = n > 168 ? n - 168 : 0;   /* the last week at most */
    uint64_t max = 1;
    for (size_t i = first; i < n; i++)
        if (hs[i]->total > max)
            max = hs[i]->total;
    size_t cols = n - first;
    int w = 760, hgt = 200, left = 50;
    double bw = (double)(w - left - 10) / (double)cols;
    fprintf(out, "<svg id=\"chart-hours\" role=\"img\" viewBox=\"0 0 %d %d\" width=\"100%%\" "
                 "xmlns=\"http://www.w3.org/2000/svg\"><title>%s</title>\n", w, hgt + 70,
            lia_tr("Événements par heure et sévérité", "Events per hour by severity"));
    fprintf(out, "<line x1=\"%d\" y1=\"10\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>"
                 "<text x=\"%d\" y=\"16\" font-size=\"10\" text-anchor=\"end\">%llu</text>\n",
            left, left, hgt + 10, left - 4, (unsigned long long)max);
    for (size_t i = first; i < n; i++) {
        double x = left + (double)(i - first) * bw;
        double y = hgt + 10;
        for (int s = 0; s < LIA_AN_SEV_COUNT; s++) {
            double bh = (double)hs[i]->sev[s] * hgt / (double)max;
            if (bh <= 0)
                continue;
            y -= bh;
            fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                         "<title>%s %s: %llu</title></rect>\n",
                    x + 1, y, bw > 2 ? bw - 1 : bw, bh, sev_colour[s], hs[i]->name, an_sev_label(s),
                    (unsigned long long)hs[i]->sev[s]);
        }
        if (cols <= 24 || (i - first) % (cols / 12 + 1) == 0)
            fprintf(out, "<text x=\"%.1f\" y=\"%d\" font-size=\"9\" transform=\"rotate(45 %.1f %d)\">%s</text>\n",
                    x, hgt + 22, x, hgt + 22, hs[i]->name + 5);
    }
    fprintf(out, "</svg>\n<p class=\"legend\">");
    for (int s = 0; s < LIA_AN_SEV_COUNT; s++)
        fprintf(out, "<span style=\"background:%s\"></span>%s ", sev_colour[s], an_sev_label(s));
    fprintf(out, "</p>\n");
    free(hs);
}

static void chart_codes(const lia_an_analysis *a, FILE *out)
{
    size_t n;
    an_count **cs = an_sorted_counts(&a->by_code, &n);
    size_t shown = n < (size_t)a->opt.top ? n : (size_t)a->opt.top;
    if (!cs || shown == 0) {
        free(cs);
        fprintf(out, "<p>%s</p>\n", lia_tr("aucune anomalie classée", "no classified condition"));
        return;
    }
    uint64_t max = cs[0]->total ? cs[0]->total : 1;
    fprintf(out, "<svg id=\"chart-codes\" role=\"img\" viewBox=\"0 0 760 %zu\" width=\"100%%\" "
                 "xmlns=\"http://www.w3.org/2000/svg\"><title>%s</title>\n", shown * 22 + 10,
            lia_tr("Codes les plus fréquents", "Top codes"));
    for (size_t i = 0; i < shown; i++) {
        int sev = cs[i]->rule ? cs[i]->rule->severity : LIA_AN_ERROR;
        double bw = (double)cs[i]->total * 480.0 / (double)max;
        fprintf(out, "<text x=\"150\" y=\"%zu\" font-size=\"12\" text-anchor=\"end\">", i * 22 + 20);
        h(out, cs[i]->name);
        fprintf(out, "</text><rect x=\"155\" y=\"%zu\" width=\"%.1f\" height=\"16\" fill=\"%s\"/>"
                     "<text x=\"%.1f\" y=\"%zu\" font-size=\"12\">%llu</text>\n",
                i * 22 + 7, bw < 1 ? 1 : bw, sev_colour[sev], 160 + bw, i * 22 + 20,
                (unsigned long long)cs[i]->total);
    }
    fprintf(out, "</svg>\n");
    free(cs);
}

static const char *script =
    "(function(){\n"
    "var d=JSON.parse(document.getElementById('report-data').textContent);\n"
    "var s=document.getElementById('summary');\n"
    "var st={SUCCES:0,AVERTISSEMENT:0,ECHEC:0};\n"
    "d.runs.forEach(function(r){st[r.status]++;});\n"
    "var L=document.documentElement.lang==='en'?['Success','Warning','Failed','runs','blocked records','unknown lines']"
    ":['Succès','Avertissement','Échec','exécutions','enregistrements bloqués','lignes inconnues'];\n"
    "function card(c,t,v){var e=document.createElement('div');e.className='card '+c;"
    "var b=document.createElement('b');b.textContent=v;e.appendChild(b);"
    "e.appendChild(document.createTextNode(' '+t));s.appendChild(e);}\n"
    "card('all',L[3],d.runs.length);card('ok',L[0],st.SUCCES);card('warn',L[1],st.AVERTISSEMENT);"
    "card('fail',L[2],st.ECHEC);card('fail',L[4],d.blocked.length);card('warn',L[5],d.unknown);\n"
    "document.querySelectorAll('table.sortable th').forEach(function(th,i){th.addEventListener('click',function(){"
    "var tb=th.closest('table').tBodies[0];var rows=Array.prototype.slice.call(tb.rows);"
    "var dir=th.dataset.dir==='asc'?-1:1;th.dataset.dir=dir>0?'asc':'desc';"
    "rows.sort(function(a,b){var x=a.cells[th.cellIndex].textContent,y=b.cells[th.cellIndex].textContent;"
    "var nx=parseFloat(x),ny=parseFloat(y);if(!isNaN(nx)&&!isNaN(ny))return (nx-ny)*dir;"
    "return x.localeCompare(y)*dir;});rows.forEach(function(r){tb.appendChild(r);});});});\n"
    "document.body.setAttribute('data-ready','1');\n"
    "})();\n";

void an_report_html(const lia_an_analysis *a, FILE *out)
{
    int en = lia_get_lang() == LIA_LANG_EN;
    fprintf(out, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">\n"
                 "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                 "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
                 "<title>%s</title>\n<style>\n"
                 "body{font-family:system-ui,sans-serif;margin:2em;color:#222}\n"
                 "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;"
                 "font-size:13px;text-align:left;vertical-align:top}th{background:#eee;cursor:pointer}\n"
                 ".card{display:inline-block;padding:10px 16px;margin:4px;border-radius:6px;background:#eef}"
                 ".card b{font-size:22px}.ok{background:#dfd}.warn{background:#ffe9b3}.fail{background:#fcc}\n"
                 ".legend span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px}\n"
                 ".st-0{color:#1a7f37}.st-1{color:#9a6700}.st-2{color:#cf222e;font-weight:bold}\n"
                 "pre.detail{margin:2px 0 0;font-size:12px;color:#555;white-space:pre-wrap}\n"
                 "</style></head><body>\n<h1>%s</h1>\n<div id=\"summary\"></div>\n",
            en ? "en" : "fr", lia_tr("Analyse des journaux Liaison", "Liaison journal analysis"),
            lia_tr("Analyse des journaux de synchronisation", "Synchronisation journal analysis"));
    fprintf(out, "<p>%llu %s ;", (unsigned long long)a->events, lia_tr("événements", "events"));
    for (int s = 0; s < LIA_AN_SEV_COUNT; s++)
        fprintf(out, " %s %llu%s", an_sev_label(s), (unsigned long long)a->sev[s], s < 4 ? "," : "");
    fprintf(out, "</p>\n<h2>%s</h2>\n", lia_tr("Événements par heure", "Events per hour"));
    chart_hours(a, out);
    fprintf(out, "<h2>%s</h2>\n", lia_tr("Codes les plus fréquents", "Top codes"));
    chart_codes(a, out);
    const char *titles[AN_RUN_TITLES];
    an_run_titles(titles);
    fprintf(out, "<h2>%s</h2>\n<table class=\"sortable\" id=\"runs\"><thead><tr><th>run</th>",
            lia_tr("Exécutions", "Runs"));
    for (int k = 0; k < AN_RUN_TITLES; k++)
        fprintf(out, "<th>%s</th>", titles[k]);
    fprintf(out, "</tr></thead><tbody>\n");
    for (size_t i = 0; i < a->n_runs; i++) {
        const an_run *r = a->runs[i];
        char d[32];
        an_fmt_duration(an_run_duration(r), d, sizeof d);
        fprintf(out, "<tr><td>");
        h(out, r->id);
        fprintf(out, "</td><td class=\"st-%d\">%s</td><td>", r->status, an_status_label(r->status, r->interrupted));
        h(out, r->start_ts);
        fprintf(out, "</td><td>");
        h(out, r->end_ts);
        fprintf(out, "</td><td>%s</td><td>%llu</td><td>%llu</td></tr>\n", d,
                (unsigned long long)(r->sev[1] + r->sev[2]), (unsigned long long)(r->sev[3] + r->sev[4]));
    }
    fprintf(out, "</tbody></table>\n");
    size_t n;
    an_count **codes = an_sorted_counts(&a->by_code, &n);
    fprintf(out, "<h2>%s</h2>\n<table class=\"sortable\" id=\"codes\"><thead><tr><th>code</th><th>%s</th>"
                 "<th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>\n",
            lia_tr("Principales anomalies", "Top conditions"), lia_tr("nombre", "count"),
            lia_tr("anomalie", "condition"), lia_tr("cause", "cause"), lia_tr("correction", "fix"));
    for (size_t i = 0; codes && i < n && (int)i < a->opt.top; i++) {
        const an_rule *r = codes[i]->rule;
        fprintf(out, "<tr><td>");
        h(out, codes[i]->name);
        fprintf(out, "</td><td>%llu</td><td>", (unsigned long long)codes[i]->total);
        h(out, r ? lia_tr(r->title_fr, r->title_en) : "");
        fprintf(out, "</td><td>");
        h(out, r ? lia_tr(r->cause_fr, r->cause_en) : "");
        fprintf(out, "</td><td>");
        h(out, r ? lia_tr(r->fix_fr, r->fix_en) : "");
        fprintf(out, "</td></tr>\n");
    }
    free(codes);
    fprintf(out, "</tbody></table>\n");
    an_record **bl = an_blocked(a, &n);
    fprintf(out, "<h2>%s (%zu)</h2>\n<table class=\"sortable\" id=\"blocked\"><thead><tr><th>%s</th><th>%s</th>"
                 "<th>code</th><th>run</th><th>message</th></tr></thead><tbody>\n",
            lia_tr("Enregistrements bloqués", "Blocked records"), n, lia_tr("entité", "entity"), lia_tr("clé", "key"));
    for (size_t i = 0; bl && i < n; i++) {
        fprintf(out, "<tr><td>");
        h(out, bl[i]->entity);
        fprintf(out, "</td><td>");
        h(out, bl[i]->key);
        fprintf(out, "</td><td>");
        h(out, bl[i]->code ? bl[i]->code : "?");
        fprintf(out, "</td><td>");
        h(out, bl[i]->run ? bl[i]->run->id : "-");
        fprintf(out, "</td><td>");
        h(out, bl[i]->message);
        if (bl[i]->detail) {   /* continuation lines kept as written */
            fprintf(out, "<pre class=\"detail\">");
            h(out, bl[i]->detail);
            fprintf(out, "</pre>");
        }
        fprintf(out, "</td></tr>\n");
    }
    free(bl);
    fprintf(out, "</tbody></table>\n");
    an_template **t;
    size_t nt = an_drain_list(a->drain, &t);
    fprintf(out, "<h2>%s</h2>\n<table class=\"sortable\" id=\"unknown\"><thead><tr><th>%s</th><th>%s</th>"
                 "<th>%s</th></tr></thead><tbody>\n",
            lia_tr("Lignes inconnues du catalogue", "Lines no rule knows"), lia_tr("nombre", "count"),
            lia_tr("modèle", "template"), lia_tr("exemple", "example"));
    for (size_t i = 0; i < nt; i++) {
        fprintf(out, "<tr><td>%llu</td><td>", (unsigned long long)t[i]->count);
        h(out, t[i]->text);
        fprintf(out, "</td><td>");
        h(out, t[i]->example);
        fprintf(out, "</td></tr>\n");
    }
    fprintf(out, "</tbody></table>\n<script type=\"application/json\" id=\"report-data\">");
    /* The JSON report, with "</" broken so it cannot close the element. */
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (mem) {
        an_report_json(a, mem);
        fclose(mem);
        for (size_t i = 0; i < len; i++) {
            if (buf[i] == '<' && i + 1 < len && buf[i + 1] == '/')
                fputs("<\\", out);
            else
                fputc(buf[i], out);
        }
        free(buf);
    } else {
        fputs("{\"runs\":[],\"blocked\":[],\"unknown\":0}", out);
    }
    fprintf(out, "</script>\n<script>\n%s</script>\n</body></html>\n", script);
}
