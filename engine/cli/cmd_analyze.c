/* `liaison analyze`: classify synchronisation journals and report
 * (docs/analyzer.md). */
#include "commands.h"

#include "liaison/analyze.h"
#include "liaison/error.h"

#include <dirent.h>
#include <errno.h>
#include <glob.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void help(void)
{
    printf("%s\n\n", lia_tr("usage : liaison analyze [options] [FICHIER|DOSSIER|MOTIF|-]...",
                            "usage: liaison analyze [options] [FILE|DIR|GLOB|-]..."));
    printf("%s\n", lia_tr(
        "Classe chaque ligne des journaux de synchronisation (texte, .gz, UTF-8/UTF-16/Windows-1252)\n"
        "et rend compte par exécution : statut, anomalies et leur correction, enregistrements\n"
        "bloqués, lignes inconnues regroupées en modèles. Sans fichier : l'entrée standard.\n",
        "Classifies every line of synchronisation journals (text, .gz, UTF-8/UTF-16/Windows-1252)\n"
        "and reports per run: status, conditions and their fix, blocked records, unknown lines\n"
        "grouped into templates. Without a file: standard input.\n"));
    printf("  --format text|json|csv|markdown|html|events  %s\n", lia_tr("format du rapport (texte)", "report format (text)"));
    printf("  -o, --output FICHIER     %s\n", lia_tr("écrire le rapport dans un fichier", "write the report to a file"));
    printf("  --input-format NOM       %s\n", lia_tr("format des journaux (sinon détecté par fichier)", "journal format (detected per file otherwise)"));
    printf("  --format-file FICHIER    %s\n", lia_tr("définition de format supplémentaire (.fmt)", "extra format definition (.fmt)"));
    printf("  --formats-dir DOSSIER    %s\n", lia_tr("dossier de définitions supplémentaires", "directory of extra definitions"));
    printf("  --rules FICHIER          %s\n", lia_tr("catalogue de règles à utiliser", "rule catalogue to use"));
    printf("  --top N                  %s\n", lia_tr("nombre d'anomalies principales (10)", "number of top conditions (10)"));
    printf("  --jobs 1|2               %s\n", lia_tr("fils par fichier : 2 lit un grand journal Liaison par moitiés en même temps,\n"
                                              "                           les autres par un fil de lecture ; par défaut les moitiés\n"
                                              "                           seules (2 processeurs) ; même rapport",
                                              "threads per file: 2 reads a large Liaison journal in two halves at once,\n"
                                              "                           others through a reading thread; by default the halves\n"
                                              "                           only (2 CPUs); same report"));
    printf("  --colour auto|always|never\n");
    printf("  --follow FICHIER         %s\n", lia_tr("suivre un journal vivant (rotation comprise)", "tail a live journal (across rotation)"));
    printf("  --from-start             %s\n", lia_tr("avec --follow : lire depuis le début", "with --follow: read from the start"));
    printf("  --check-format FICHIER   %s\n", lia_tr("lister les lignes que le format ne reconnaît pas", "list the lines the format does not match"));
    printf("  --test-rules [FICHIER]   %s\n", lia_tr("vérifier le catalogue sur ses exemples", "check the catalogue against its samples"));
    printf("  --list-rules, --list-formats\n\n");
    printf("%s\n", lia_tr("Codes de sortie : 0 succès, 1 avertissements seulement, 8 au moins une exécution en échec,\n"
                          "2 usage, 3 règle ou format invalide, 10 journal illisible (docs/exit-codes.md)",
                          "Exit codes: 0 success, 1 warnings only, 8 at least one run failed,\n"
                          "2 usage, 3 invalid rule or format, 10 unreadable journal (docs/exit-codes.md)"));
}

static volatile int stop_flag;
static void on_signal(int sig)
{
    (void)sig;
    stop_flag = 1;
}

struct inputs {
    char **v;
    size_t n;
};

static int push(struct inputs *in, const char *p)
{
    char **nv = realloc(in->v, (in->n + 1) * sizeof *nv);
    if (!nv)
        return -1;
    in->v = nv;
    in->v[in->n++] = strdup(p);
    return 0;
}

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Files, directories (their regular files, sorted) and quoted globs. */
static int expand(struct inputs *in, const char *arg)
{
    struct stat st;
    if (strcmp(arg, "-") == 0)
        return push(in, arg);
    if (stat(arg, &st) == 0 && S_ISDIR(st.st_mode)) {
        DIR *d = opendir(arg);
        if (!d)
            return push(in, arg);   /* reported as unreadable later */
        struct inputs tmp = {0};
        struct dirent *e;
        while ((e = readdir(d))) {
            if (e->d_name[0] == '.')
                continue;
            char p[4096];
            snprintf(p, sizeof p, "%s/%s", arg, e->d_name);
            if (stat(p, &st) == 0 && S_ISREG(st.st_mode))
                push(&tmp, p);
        }
        closedir(d);
        if (tmp.n > 1)
            qsort(tmp.v, tmp.n, sizeof *tmp.v, cmp);
        for (size_t i = 0; i < tmp.n; i++) {
            push(in, tmp.v[i]);
            free(tmp.v[i]);
        }
        free(tmp.v);
        return 0;
    }
    if (strpbrk(arg, "*?[") && stat(arg, &st) != 0) {
        glob_t g;
        if (glob(arg, 0, NULL, &g) == 0) {
            for (size_t i = 0; i < g.gl_pathc; i++)
                push(in, g.gl_pathv[i]);
            globfree(&g);
            return 0;
        }
    }
    return push(in, arg);
}

static int load_formats(lia_an_formats **fmts, char **extra_dirs, size_t nd, char **extra_files, size_t nf)
{
    lia_error err;
    lia_error_clear(&err);
    char path[4096];
    lia_code rc = lia_an_formats_load_dir(fmts, lia_an_data_path("formats", path, sizeof path) == 0 ? path : NULL, &err);
    /* Users' own definitions without recompiling: the config directory. */
    const char *home = getenv("HOME"), *xdg = getenv("XDG_CONFIG_HOME");
    char user[4096];
    user[0] = '\0';
    if (xdg && xdg[0])
        snprintf(user, sizeof user, "%s/liaison/formats", xdg);
    else if (home && home[0])
        snprintf(user, sizeof user, "%s/.config/liaison/formats", home);
    struct stat st;
    if (rc == LIA_OK && user[0] && stat(user, &st) == 0 && S_ISDIR(st.st_mode))
        rc = lia_an_formats_load_dir(fmts, user, &err);
    for (size_t i = 0; rc == LIA_OK && i < nd; i++)
        rc = lia_an_formats_load_dir(fmts, extra_dirs[i], &err);
    for (size_t i = 0; rc == LIA_OK && i < nf; i++)
        rc = lia_an_formats_load_file(fmts, extra_files[i], &err);
    if (rc != LIA_OK)
        return lia_cli_fail(&err);
    return 0;
}

int lia_cmd_analyze(int argc, char **argv)
{
    const char *cmd = "analyze";
    lia_an_output out_fmt = LIA_AN_OUT_TEXT;
    const char *output = NULL, *input_format = NULL, *rules = NULL, *follow = NULL;
    const char *check = NULL, *test_rules = NULL, *colour = "auto";
    int list_rules = 0, list_formats = 0, from_start = 0, do_test = 0, top = 10, fmt_given = 0, jobs = 0;
    char *dirs[16], *files[16];
    size_t nd = 0, nf = 0;
    struct inputs in = {0};
    int nraw = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
#define ARG() (i + 1 < argc ? argv[++i] : NULL)
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            help();
            return LIA_EXIT_OK;
        } else if (strcmp(a, "--format") == 0 || strcmp(a, "-f") == 0) {
            const char *v = ARG();
            static const char *const names[] = {"text", "json", "csv", "markdown", "html", "events"};
            int k = 0;
            while (k < 6 && (!v || strcmp(v, names[k]) != 0))
                k++;
            if (k == 6)
                return lia_cli_usage(cmd, "%s '%s'", lia_tr("format de rapport inconnu", "unknown report format"), v ? v : "");
            out_fmt = (lia_an_output)k;
            fmt_given = 1;
        } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
            if (!(output = ARG()))
                return lia_cli_usage(cmd, "%s '%s'", lia_tr("argument manquant pour", "missing argument for"), a);
        } else if (strcmp(a, "--input-format") == 0) {
            if (!(input_format = ARG()))
                return lia_cli_usage(cmd, "%s '%s'", lia_tr("argument manquant pour", "missing argument for"), a);
        } else if (strcmp(a, "--format-file") == 0 || strcmp(a, "--formats-dir") == 0) {
            const char *v = ARG();
            if (!v)
                return lia_cli_usage(cmd, "%s '%s'", lia_tr("argument manquant pour", "missing argument for"), a);
            if (a[9] == 'f' ? nf >= 16 : nd >= 16)
                return lia_cli_usage(cmd, "%s '%s'", lia_tr("trop d'occurrences de", "too many occurrences of"), a);
            if (strcmp(a, "--format-file") == 0)
                files[nf++] = (char *)v;
            else
                dirs[nd++] = (char *)v;
        } else if (strcmp(a, "--rules") == 0) {
            if (!(rules = ARG()))
                return lia_cli_usage(cmd, "%s '%s'", lia_tr("argument manquant pour", "missing argument for"), a);
        } else if (strcmp(a, "--follow") == 0) {
            if (!(follow = ARG()))
                return lia_cli_usage(cmd, "%s '%s'", lia_tr("argument manquant pour", "missing argument for"), a);
        } else if (strcmp(a, "--from-start") == 0) {
            from_start = 1;
        } else if (strcmp(a, "--check-format") == 0) {
            if (!(check = ARG()))
                return lia_cli_usage(cmd, "%s '%s'", lia_tr("argument manquant pour", "missing argument for"), a);
        } else if (strcmp(a, "--test-rules") == 0) {
            do_test = 1;
            if (i + 1 < argc && argv[i + 1][0] != '-')
                test_rules = argv[++i];
        } else if (strcmp(a, "--list-rules") == 0) {
            list_rules = 1;
        } else if (strcmp(a, "--list-formats") == 0) {
            list_formats = 1;
        } else if (strcmp(a, "--top") == 0) {
            const char *v = ARG();
            char *end;
            long t = v ? strtol(v, &end, 10) : 0;
            if (!v || *end || t < 1 || t > 1000)
                return lia_cli_usage(cmd, "%s '%s'", lia_tr("nombre invalide pour --top", "invalid number for --top"), v ? v : "");
            top = (int)t;
        } else if (strcmp(a, "--jobs") == 0 || strcmp(a, "-j") == 0) {
            const char *v = ARG();
            if (!v || (strcmp(v, "1") != 0 && strcmp(v, "2") != 0))
                return lia_cli_usage(cmd, "%s '%s'", lia_tr("valeur invalide pour --jobs (1 ou 2)", "invalid value for --jobs (1 or 2)"), v ? v : "");
            jobs = v[0] - '0';
        } else if (strcmp(a, "--colour") == 0 || strcmp(a, "--color") == 0) {
            colour = ARG();
            if (!colour || (strcmp(colour, "auto") && strcmp(colour, "always") && strcmp(colour, "never")))
                return lia_cli_usage(cmd, "%s '%s'", lia_tr("valeur invalide pour --colour", "invalid value for --colour"), colour ? colour : "");
        } else if (a[0] == '-' && a[1] != '\0') {
            return lia_cli_usage(cmd, "%s '%s'", lia_tr("option inconnue", "unknown option"), a);
        } else {
            argv[1 + nraw++] = argv[i];   /* expanded once options are valid */
        }
#undef ARG
    }

    lia_error err;
    lia_error_clear(&err);
    char path[4096];
    if (!rules) {
        if (lia_an_data_path("rules/catalogue.rules", path, sizeof path) != 0) {
            lia_fail(&err, LIA_E_ANALYZE_RULE, "rules/catalogue.rules");
            lia_error_detail(&err, "%s", lia_tr("introuvable ; définir LIAISON_DATA_DIR", "not found; set LIAISON_DATA_DIR"));
            return lia_cli_fail(&err);
        }
        rules = path;
    }
    lia_an_catalog *cat = NULL;
    if (lia_an_catalog_load(rules, &cat, &err) != LIA_OK)
        return lia_cli_fail(&err);
    if (do_test) {
        char tp[4096];
        if (!test_rules) {
            snprintf(tp, sizeof tp, "%s", rules);
            char *dot = strrchr(tp, '.');
            if (dot && strcmp(dot, ".rules") == 0)
                strcpy(dot, ".tests");
            test_rules = tp;
        }
        int fails = lia_an_catalog_test(cat, test_rules, stdout, &err);
        lia_an_catalog_free(cat);
        if (fails < 0)
            return lia_cli_fail(&err);
        return fails ? LIA_EXIT_FINDINGS : LIA_EXIT_OK;
    }
    if (list_rules) {
        lia_an_catalog_markdown(cat, stdout);
        lia_an_catalog_free(cat);
        return LIA_EXIT_OK;
    }
    lia_an_formats *fmts = NULL;
    int rc = load_formats(&fmts, dirs, nd, files, nf);
    if (rc) {
        lia_an_catalog_free(cat);
        lia_an_formats_free(fmts);
        return rc;
    }
    if (list_formats) {
        if (fmt_given && out_fmt == LIA_AN_OUT_MARKDOWN)
            lia_an_formats_markdown(fmts, stdout);
        else
            lia_an_formats_list(fmts, stdout);
        lia_an_catalog_free(cat);
        lia_an_formats_free(fmts);
        return LIA_EXIT_OK;
    }
    if (input_format && !lia_an_formats_has(fmts, input_format)) {
        lia_an_catalog_free(cat);
        lia_an_formats_free(fmts);
        return lia_cli_usage(cmd, "%s '%s' (--list-formats)", lia_tr("format de journal inconnu", "unknown journal format"), input_format);
    }

    for (int k = 0; k < nraw; k++)
        expand(&in, argv[1 + k]);
    lia_an_options opt = {0};
    opt.input_format = input_format;
    opt.top = top;
    opt.jobs = jobs;
    FILE *out = stdout;
    char tmp[4200] = "";
    if (output && !check && !follow) {
        snprintf(tmp, sizeof tmp, "%s.tmp%ld", output, (long)getpid());
        if (!(out = fopen(tmp, "w"))) {
            out = stdout;
            lia_fail(&err, LIA_E_IO, "%s", output);
            lia_error_detail(&err, "%s", strerror(errno));
            rc = lia_cli_fail(&err);
            goto done_early;
        }
    }
    opt.colour = strcmp(colour, "always") == 0 || (strcmp(colour, "auto") == 0 && !output && isatty(1) &&
                                                   !getenv("NO_COLOR"));
    if (out_fmt == LIA_AN_OUT_EVENTS || follow)
        opt.events = out;
    lia_an_analysis *an = NULL;
    if (lia_an_analysis_new(cat, fmts, &opt, &an, &err) != LIA_OK) {
        rc = lia_cli_fail(&err);
        goto done_early;
    }
    if (check) {
        long miss = lia_an_check_format(an, check, stdout, &err);
        rc = miss < 0 ? lia_cli_fail(&err) : miss > 0 ? LIA_EXIT_FINDINGS : LIA_EXIT_OK;
        goto done;
    }
    if (follow) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigaction(SIGINT, &sa, NULL);
        sigaction(SIGTERM, &sa, NULL);
        if (lia_an_follow(an, follow, &stop_flag, from_start, &err) != LIA_OK) {
            rc = lia_cli_fail(&err);
            goto done;
        }
        lia_an_analysis_finish(an);
        rc = lia_an_analysis_exit(an);
        goto done;
    }
    if (in.n == 0) {
        if (isatty(0)) {
            rc = lia_cli_usage(cmd, "%s", lia_tr("aucun journal à analyser", "no journal to analyze"));
            goto done;
        }
        push(&in, "-");
    }
    int io_failed = 0;
    for (size_t i = 0; i < in.n; i++) {
        lia_error_clear(&err);
        if (lia_an_analysis_file(an, in.v[i], &err) != LIA_OK) {
            char msg[1400];
            fprintf(stderr, "liaison: %s\n", lia_error_format(&err, msg, sizeof msg));
            io_failed = 1;
        }
    }
    lia_an_analysis_finish(an);
    if (out_fmt != LIA_AN_OUT_EVENTS)
        lia_an_report(an, out_fmt, out);
    rc = io_failed ? LIA_EXIT_IO : lia_an_analysis_exit(an);
    if (out != stdout) {
        /* Written whole, then renamed: never a half report. */
        int bad = fflush(out) != 0 || ferror(out);
        bad |= fclose(out) != 0;
        out = stdout;
        if (bad || rename(tmp, output) != 0) {
            unlink(tmp);
            lia_fail(&err, LIA_E_IO, "%s", output);
            lia_error_detail(&err, "%s", strerror(errno));
            rc = lia_cli_fail(&err);
        }
    }
done:
    lia_an_analysis_free(an);
done_early:
    if (out != stdout) {
        fclose(out);
        unlink(tmp);
    }
    for (size_t i = 0; i < in.n; i++)
        free(in.v[i]);
    free(in.v);
    lia_an_formats_free(fmts);
    lia_an_catalog_free(cat);
    return rc;
}
