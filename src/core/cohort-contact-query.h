/* cohort-contact-query.h — the SQL behind CohortContactList
 *
 * Private to the core. Selecting ordered ids runs on a worker connection;
 * fetching rows runs on the main one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "cohort-contact-list.h"

G_BEGIN_DECLS

/* Makes statements on @db fail with SQLITE_INTERRUPT once @cancellable is
 * cancelled; NULL stops watching. */
void       cohort_contact_query_watch_cancellable (sqlite3            *db,
                                                   GCancellable       *cancellable);

/* The ids (gint64) of the contacts of group @group_id (0: every contact
 * not merged) whose name, email or account contains @needle, a text
 * folded with cohort_text_fold() (NULL: all),
 * in the order asked for, at most @limit (0: no limit). The order is total,
 * so a limited result is a prefix of the full one. */
GArray    *cohort_contact_query_select_ids        (sqlite3            *db,
                                                   gint64              group_id,
                                                   CohortContactSort   sort,
                                                   gboolean            descending,
                                                   const char         *needle,
                                                   guint               limit,
                                                   GError            **error);

/* Appends " AND (…)": the contact's name, email or account (tables
 * aliased c and a) contains @needle, a folded text bound to the SQL
 * parameter @param ("?2", ":filter"). Shared with CohortSelection, so a
 * bulk action on "all that match" takes exactly the rows the list shows. */
void       cohort_contact_query_append_filter     (GString            *sql,
                                                   const char         *needle,
                                                   const char         *param);

/* Rows for @ids, in the same order; an id whose contact is gone gets an
 * empty row. */
GPtrArray *cohort_contact_query_fetch_rows        (sqlite3            *db,
                                                   gint64              group_id,
                                                   const gint64       *ids,
                                                   guint               n_ids);

/* Counts by CohortStatus. */
gboolean   cohort_contact_query_count_statuses    (sqlite3            *db,
                                                   gint64              group_id,
                                                   gint64              out_counts[4],
                                                   GError            **error);

G_END_DECLS
