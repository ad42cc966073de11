/* cohort-sidebar.h — All contacts and every group, searchable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cohort-store.h"

G_BEGIN_DECLS

#define COHORT_TYPE_SIDEBAR (cohort_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (CohortSidebar, cohort_sidebar, COHORT, SIDEBAR, AdwBin)

/* CohortGroup objects of @store in the order to show; rows of groups that
 * are still there are updated in place so the selection stays. Each row
 * tells how its group changed in the last 30 days. */
void     cohort_sidebar_set_groups        (CohortSidebar *self,
                                           CohortStore   *store,
                                           GPtrArray     *groups);
void     cohort_sidebar_set_contact_count (CohortSidebar *self,
                                           gint64         n_contacts);
/* 0 is All contacts. An id that is not listed selects All contacts. */
void     cohort_sidebar_select            (CohortSidebar *self,
                                           gint64         group_id);
gint64   cohort_sidebar_get_selected      (CohortSidebar *self);
void     cohort_sidebar_start_search      (CohortSidebar *self);

/* signal: "group-selected" (gint64 group_id) — 0 for All contacts
 * signal: "group-activated" (gint64 group_id) — clicked or Enter, also on
 *         the row already selected, so a folded window moves to it */

G_END_DECLS
