/* The configuration file (INI style, docs/configuration.md), prefix lia_config_. */
#ifndef LIAISON_CONFIG_H
#define LIAISON_CONFIG_H

#include "liaison/db.h"
#include "liaison/error.h"

typedef struct lia_db_config {
    int present;               /* the section exists */
    char server[256];
    int port;
    char instance[128];
    char database[129];
    char user[129];
    char password[256];        /* resolved from password_file or password_env */
    char tds_version[8];
    char encryption[16];
    int login_timeout;
    int query_timeout;
    char app_name[64];
} lia_db_config;

typedef struct lia_config {
    char path[1024];
    lia_db_config gescom;
    lia_db_config crm;
    /* [replication] */
    char integration[64];      /* integration name (one per GesCom company) */
    int interval_minutes;      /* daemon interval, default 15 */
    int full_resync_hour;      /* 0..23, -1 = none; default 2 */
    int include_dormant;
    int include_customers, include_suppliers, include_prospects;
    int calendar_years;        /* CA on calendar years instead of fiscal years */
    /* [soap] */
    char soap_url[512];
    char soap_user[129];
    char soap_password[256];
    char soap_company[129];
    char soap_ca_file[1024];
    int soap_timeout;
    /* [journal] */
    char journal_path[1024];   /* file or directory; default ./liaison.journal */
    char journal_level[16];
} lia_config;

/* Loads and validates a file: unknown keys and malformed lines fail with
 * file:line in err->subject; a password file readable by group or others fails. */
lia_code lia_config_load(const char *path, lia_config *cfg, lia_error *err);
void lia_config_defaults(lia_config *cfg);
/* Fills db params from a section (pointers into cfg). */
void lia_config_db_params(const lia_db_config *c, const char *label, lia_db_params *p);
/* Wipes passwords from memory. */
void lia_config_wipe(lia_config *cfg);

#endif
