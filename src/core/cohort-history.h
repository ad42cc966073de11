/* cohort-history.h — how each group evolves, and why (SPEC §7)
 *
 * The history is a consumer of the membership delta (cohort-delta.h),
 * attached to every store when it opens: in the transaction of each change
 * it appends one event per contact that joined or left a group (with the
 * reason and the time) and adds the day's joined and left counts and the
 * members at that moment to the group's row for the local day. Events are
 * kept COHORT_HISTORY_EVENT_DAYS days (pruned group by group as the group
 * changes); daily rows for ever. Days without a change have no row: the
 * readers below fill them with the members of the day before.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cohort-delta.h"
#include "cohort-store.h"

G_BEGIN_DECLS

#define COHORT_HISTORY_EVENT_DAYS 400

void       cohort_history_attach       (CohortStore  *store);

typedef struct
{
  char   *day;        /* "2026-01-31", local */
  gint64  members;    /* at the end of the day */
  gint64  joined;
  gint64  left;
} CohortHistoryDay;

void       cohort_history_day_free     (CohortHistoryDay *day);

/* One row per day from @since (a Unix time; its local day) or the group's
 * first day, whichever is later, to today; days without a change repeat
 * the members of the day before (0 before the first row). */
GPtrArray *cohort_history_list_days    (CohortStore  *store,
                                        gint64        group_id,
                                        gint64        since,
                                        GError      **error);

typedef struct
{
  gint64        id;
  gint64        at;
  gint64        group_id;
  char         *group_code;
  char         *group_name;
  gint64        contact_id;
  char         *email;      /* NULL once the contact is deleted */
  char         *name;
  gboolean      joined;
  CohortReason  reason;
} CohortHistoryEvent;

void       cohort_history_event_free   (CohortHistoryEvent *event);

/* A page of the events of @group_id (or, with @group_id 0, of @contact_id),
 * newest first: at most @limit events older than the event (@before_at,
 * @before_id) — (0, 0) from the newest — of @reason only unless it is -1.
 * The last event of a page is the cursor of the next, so that a group with
 * half a million events is read a page at a time, each as fast as the
 * first. */
GPtrArray *cohort_history_list_recent_events (CohortStore  *store,
                                              gint64        group_id,
                                              gint64        contact_id,
                                              int           reason,
                                              gint64        before_at,
                                              gint64        before_id,
                                              guint         limit,
                                              GError      **error);

/* The events of @group_id (or, with @group_id 0, of @contact_id) at or
 * after @since, oldest first. */
GPtrArray *cohort_history_list_events  (CohortStore  *store,
                                        gint64        group_id,
                                        gint64        contact_id,
                                        gint64        since,
                                        GError      **error);

typedef struct
{
  gint64  members;
  gint64  by_status[4];      /* CohortStatus order */
  gint64  by_manual;         /* static members by hand or import */
  gint64  by_account;        /* static members through an account */
  gint64  by_condition;      /* dynamic members */
  gint64  engaged;           /* an email_open or email_click in the last 90 days */
  gint64  joined_30_days;
  gint64  left_30_days;
  gint64  members_30_days_ago;
} CohortGroupStats;

gboolean   cohort_history_get_stats    (CohortStore       *store,
                                        gint64             group_id,
                                        CohortGroupStats  *out_stats,
                                        GError           **error);

/* Only joined_30_days, left_30_days and members_30_days_ago of
 * cohort_history_get_stats(), from the daily rows: cheap enough to ask for
 * every group of a list. The other fields are 0. */
gboolean   cohort_history_get_month_change (CohortStore       *store,
                                            gint64             group_id,
                                            CohortGroupStats  *out_stats,
                                            GError           **error);

G_END_DECLS
