/* recalc-fixture.h — what test-recalc.c and test-recalc-random.c share:
 * a store in a temporary folder at a fixed "now" and zone, contacts known
 * by name, member lists as sorted names, groups, and the few rule helpers
 * that both the hand-written tests and the oracle use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cohort-store.h"

G_BEGIN_DECLS

/* 2024-06-01T12:00:00Z, a Saturday; the store's zone is +05:00 so that a
 * date-time without an offset differs from UTC and from +02:00. */
#define NOW ((gint64) 1717243200)
#define DAY ((gint64) 86400)
#define STORE_ZONE "+05:00"

typedef struct
{
  char        *dir;
  CohortStore *store;
  GHashTable  *ids;       /* name → gint64 * */
  GHashTable  *names;     /* gint64 * → name */
  guint        n_groups;
  guint        n_reported;
} Fixture;

/* ---- fixture ----------------------------------------------------------- */

gint64          *box_id                (gint64          id);
void             reset_store           (Fixture        *f);
void             fixture_set_up        (Fixture        *f,
                                        gconstpointer   data);
void             fixture_tear_down     (Fixture        *f,
                                        gconstpointer   data);

/* ---- contacts by name --------------------------------------------------- */

void             remember              (Fixture        *f,
                                        const char     *name,
                                        gint64          id);
void             forget                (Fixture        *f,
                                        gint64          id);
gint64           id_of                 (Fixture        *f,
                                        const char     *name);
void             set_field             (Fixture        *f,
                                        CohortContact  *contact,
                                        const char     *field,
                                        const char     *value);
gint64           save_contact          (Fixture        *f,
                                        CohortContact  *contact);
CohortContact   *load_contact          (Fixture        *f,
                                        const char     *name);
gint64           add_contact           (Fixture        *f,
                                        const char     *name,
                                        ...);
void             edit_contact          (Fixture        *f,
                                        const char     *name,
                                        const char     *field,
                                        const char     *value);
void             set_account           (Fixture        *f,
                                        const char     *account_name,
                                        const char     *field,
                                        const char     *value);
void             add_activity          (Fixture        *f,
                                        const char     *name,
                                        const char     *type,
                                        gint64          occurred_at);
void             merge                 (Fixture        *f,
                                        const char     *parent,
                                        const char     *child);

/* ---- member lists as sorted names --------------------------------------- */

char            *join_sorted           (GPtrArray      *names);
char            *names_of_ids          (Fixture        *f,
                                        const gint64   *ids,
                                        guint           n);
char            *canon                 (const char     *names);
char            *complement            (Fixture        *f,
                                        const char     *names);
gboolean         expect_same           (Fixture        *f,
                                        const char     *what,
                                        const char     *got,
                                        const char     *want);

/* ---- groups ------------------------------------------------------------- */

gint64           create_dynamic        (Fixture        *f,
                                        const char     *code,
                                        const char     *json,
                                        GError        **error);
gint64           create_dynamic_or_die (Fixture        *f,
                                        const char     *code,
                                        const char     *json);
gint64           create_static         (Fixture        *f,
                                        const char     *code);
CohortGroup     *get_group             (Fixture        *f,
                                        gint64          id);
gint64           member_count          (Fixture        *f,
                                        gint64          id);
gboolean         needs_recalculation   (Fixture        *f,
                                        gint64          id);
GArray          *member_ids            (Fixture        *f,
                                        gint64          group_id);
char            *members               (Fixture        *f,
                                        gint64          group_id);
void             add_members           (Fixture        *f,
                                        gint64          group_id,
                                        const char     *names);
gint64           account_id            (Fixture        *f,
                                        const char     *name);
char            *match                 (Fixture        *f,
                                        const char     *json);
void             expect_member_count   (Fixture        *f,
                                        gint64          group_id,
                                        const char     *when);
void             expect_members        (Fixture        *f,
                                        gint64          group_id,
                                        const char     *expected,
                                        const char     *when);

/* ---- single rules and their complements --------------------------------- */

/* Each positive operator with its negative twin. */
extern const char * const twins[8][2];

char            *oracle_fold           (const char     *text);

/* ---- references between groups ------------------------------------------ */

#define GROUP_RULE(op, code) \
  "{\"field\": \"group\", \"operator\": \"" op "\", \"value\": [\"" code "\"]}"
#define CITY_RULE(city) \
  "{\"field\": \"city\", \"operator\": \"=\", \"value\": \"" city "\"}"

CohortCondition *parse_condition       (const char     *json);
gboolean         set_condition         (Fixture        *f,
                                        gint64          group_id,
                                        const char     *json,
                                        GError        **error);

G_END_DECLS
