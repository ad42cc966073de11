/* cohort-contact-list.h — a paged list model of contacts
 *
 * CohortContactList shows every contact or the members of one group, sorted
 * and filtered, without ever loading them all: a worker thread with its own
 * connection selects only the ordered ids that match, and rows are read from
 * SQLite a page at a time, when a view asks for them, into a small cache.
 * A million members cost 8 MB of ids and a few hundred row objects.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cohort-member-row.h"
#include "cohort-store.h"

G_BEGIN_DECLS

typedef enum
{
  COHORT_CONTACT_SORT_NAME,
  COHORT_CONTACT_SORT_EMAIL,
  COHORT_CONTACT_SORT_ACCOUNT,
  COHORT_CONTACT_SORT_STATUS,
  COHORT_CONTACT_SORT_SOURCE,
  COHORT_CONTACT_SORT_ADDED,
} CohortContactSort;

#define COHORT_TYPE_CONTACT_LIST (cohort_contact_list_get_type ())
G_DECLARE_FINAL_TYPE (CohortContactList, cohort_contact_list, COHORT, CONTACT_LIST, GObject)

/* @group_id 0 lists every contact that is not merged into another. The list
 * starts loading at once. */
CohortContactList *cohort_contact_list_new          (CohortStore       *store,
                                                     gint64             group_id);
CohortStore       *cohort_contact_list_get_store    (CohortContactList *self);
gint64             cohort_contact_list_get_group_id (CohortContactList *self);

CohortContactSort  cohort_contact_list_get_sort       (CohortContactList *self);
gboolean           cohort_contact_list_get_descending (CohortContactList *self);
void               cohort_contact_list_set_sort       (CohortContactList *self,
                                                       CohortContactSort  sort,
                                                       gboolean           descending);

/* Keeps the contacts whose name, email or account contains @text, compared
 * as folded text; NULL or "" keeps all. */
const char        *cohort_contact_list_get_filter   (CohortContactList *self);
void               cohort_contact_list_set_filter   (CohortContactList *self,
                                                     const char        *text);

/* Reads the ids again after the database changed. The current rows stay
 * until the new ids are ready; rows that are still there keep their objects
 * and have their properties updated. A list that is still empty or partial
 * starts over, first chunk first. */
void               cohort_contact_list_reload       (CohortContactList *self);
/* TRUE while a worker is selecting ids. */
gboolean           cohort_contact_list_get_loading  (CohortContactList *self);
/* TRUE while only the first rows of a new order are there and the rest is
 * being sorted; the number of items is not the total then. */
gboolean           cohort_contact_list_get_partial  (CohortContactList *self);

/* The contact id at @position without creating a row object; 0 when out of
 * range. */
gint64             cohort_contact_list_get_id       (CohortContactList *self,
                                                     guint              position);

/* Counts the contacts of the unfiltered list by status, on a worker thread. */
void               cohort_contact_list_count_statuses_async  (CohortContactList   *self,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
/* @out_counts is indexed by CohortStatus. */
gboolean           cohort_contact_list_count_statuses_finish (CohortContactList   *self,
                                                              GAsyncResult        *result,
                                                              gint64               out_counts[4],
                                                              GError             **error);

G_END_DECLS
