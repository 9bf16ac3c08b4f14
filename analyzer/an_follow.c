/* --check-format and --follow. */
#include "an.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

long lia_an_check_format(lia_an_analysis *a, const char *path, FILE *out, lia_error *err)
{
    a->unparsed_out = out;
    lia_code rc = lia_an_analysis_file(a, path, err);
    a->unparsed_out = NULL;
    if (rc != LIA_OK)
        return -1;
    const an_file_info *f = &a->files[a->n_files - 1];
    fprintf(out, "%s: %s '%s', %llu %s, %llu %s, %llu %s, %llu %s\n", path, lia_tr("format", "format"),
            f->format ? f->format : "-", (unsigned long long)f->st.lines, lia_tr("lignes", "lines"),
            (unsigned long long)a->events, lia_tr("événements", "events"),
            (unsigned long long)f->st.continuation, lia_tr("suites", "continuations"),
            (unsigned long long)f->st.unparsed, lia_tr("hors format", "not matched"));
    return (long)f->st.unparsed;
}

static void nap(void)
{
    struct timespec ts = {0, 200 * 1000 * 1000};
    nanosleep(&ts, NULL);
}

lia_code lia_an_follow(lia_an_analysis *a, const char *path, volatile int *stop, int from_start,
                       lia_error *err)
{
    int fd = -1;
    struct stat st;
    unsigned char *buf = malloc(1 << 16);
    an_reader *r = NULL;
    if (!buf)
        return lia_fail(err, LIA_E_NOMEM, "%s", path);
    off_t pos = 0;
    int first = 1;
    while (!*stop) {
        if (fd < 0) {
            fd = open(path, O_RDONLY);
            if (fd < 0) {
                if (first) {
                    free(buf);
                    lia_fail(err, LIA_E_ANALYZE_INPUT, "%s", path);
                    lia_error_detail(err, "%s", strerror(errno));
                    return LIA_E_ANALYZE_INPUT;
                }
                nap();   /* rotated away, the new file is not there yet */
                continue;
            }
            fstat(fd, &st);
            pos = 0;
            if (first && !from_start)
                pos = lseek(fd, 0, SEEK_END);
            first = 0;
            an_analysis_begin_file(a, path);
            r = an_reader_new(an_analysis_line, a, a->st);
            if (!r)
                break;
            an_reader_on_binary(r, an_analysis_binary);
        }
        ssize_t n = read(fd, buf, 1 << 16);
        if (n > 0) {
            pos += n;
            an_reader_feed(r, buf, (size_t)n);
            continue;
        }
        /* At the end: print what detection held back, then look for a
         * rotation (new inode) or a truncation (size below our offset). */
        an_analysis_end_detection(a);
        /* A live journal: the event read last is printed now rather than
         * when the next line comes (a writer puts an event and its
         * continuation lines in one write). */
        an_analysis_flush(a);
        struct stat now;
        if (stat(path, &now) != 0 || now.st_ino != st.st_ino || now.st_dev != st.st_dev ||
            now.st_size < pos) {
            while ((n = read(fd, buf, 1 << 16)) > 0)   /* the rest of the old file */
                an_reader_feed(r, buf, (size_t)n);
            an_reader_end(r);
            an_reader_free(r);
            r = NULL;
            an_analysis_end_file(a);
            close(fd);
            fd = -1;
            continue;
        }
        nap();
    }
    if (r) {
        an_reader_end(r);
        an_reader_free(r);
        an_analysis_end_file(a);
    }
    if (fd >= 0)
        close(fd);
    free(buf);
    return LIA_OK;
}
