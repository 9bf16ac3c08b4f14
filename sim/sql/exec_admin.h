/* Administration statements run by the executor (exec_admin.c). */
#ifndef SIM_EXEC_ADMIN_H
#define SIM_EXEC_ADMIN_H

#include "engine.h"

typedef struct admin_msg {
    int num, state, sev;
    char text[1024];
} admin_msg;

/* Messages of one statement, in the order SQL Server sends them. */
typedef struct admin_out {
    admin_msg m[4];
    int n;
} admin_out;

void admin_alter_database(sim_session *s, const stmt *st, admin_out *o);
void admin_create_database(sim_session *s, const stmt *st, admin_out *o);
void admin_backup(sim_session *s, const stmt *st, admin_out *o);
/* WAITFOR DELAY text ("hh:mm[:ss[.mmm]]") in milliseconds; -1 when invalid (148). */
int admin_delay_ms(const char *text, long *ms);

#endif
