/* French vocabulary of the demo company: names, places, articles. */
#ifndef DEMO_DATA_H
#define DEMO_DATA_H

typedef struct demo_city { const char *cp, *ville, *region, *pays; } demo_city;
typedef struct demo_article { const char *ref, *design; long long price_cents; } demo_article;

extern const char *const demo_surnames[];
extern const int demo_nsurnames;
extern const char *const demo_firstnames[];
extern const int demo_nfirstnames;
extern const char *const demo_streets[];
extern const int demo_nstreets;
extern const char *const demo_company_forms[]; /* printf formats with one %s (a surname) */
extern const int demo_ncompany_forms;
extern const char *const demo_supplier_forms[];
extern const int demo_nsupplier_forms;
extern const demo_city demo_cities[];
extern const int demo_ncities;
extern const demo_article demo_articles[];
extern const int demo_narticles;
extern const char *const demo_functions[];
extern const int demo_nfunctions;

/* ASCII lowercase slug of a UTF-8 French text ("Lefèvre & Fils" -> "lefevre-fils"). */
void demo_slug(const char *in, char *out, int outlen);

#endif
