/* cohort-scheduler.h — the daily scheduled recalculation (SPEC §3)
 *
 * A scheduled group has a slot: a minute between 02:00 and 06:00 local time
 * (cohort_group_get_schedule_minute()). Each local day the group is
 * recalculated once, at its slot or, when the app was not running or the
 * machine slept, once as soon as possible later that day. A day's slot
 * counts as done when it has been recorded as run
 * (cohort_group_get_schedule_last_run()) or the group was recalculated after
 * it by other means. A slot missed on an earlier day is not caught up: the
 * next one, at most a few hours away, brings the group up to date.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cohort-clock.h"
#include "cohort-store.h"

G_BEGIN_DECLS

/* The Unix time of @minute (after local midnight) on @date in @tz. A time
 * the clocks skip when daylight saving starts moves on by the length of the
 * gap (02:30 becomes 03:30); a time that happens twice when it ends is its
 * first occurrence. */
gint64  cohort_schedule_slot_for_day (int           minute,
                                      const GDate  *date,
                                      GTimeZone    *tz);
/* The slot of @group that is due at @now (Unix seconds): today's, when it has
 * passed and is not done; otherwise 0. Always 0 for a group that is not
 * scheduled or not dynamic. */
gint64  cohort_schedule_due_slot     (CohortGroup  *group,
                                      gint64        now,
                                      GTimeZone    *tz);
/* The first slot of @group after @now that is not done, 0 when the group is
 * not scheduled or not dynamic. What the window shows as the next run. */
gint64  cohort_schedule_next_slot    (CohortGroup  *group,
                                      gint64        now,
                                      GTimeZone    *tz);

/* The ids (gint64) of the groups due at @now_unix, the earliest slot first.
 * What `cohort-cli groups recalc --due` runs. */
GArray *cohort_scheduler_list_due    (CohortStore  *store,
                                      gint64        now_unix,
                                      GTimeZone    *tz,
                                      GError      **error);

#define COHORT_TYPE_SCHEDULER (cohort_scheduler_get_type ())
G_DECLARE_FINAL_TYPE (CohortScheduler, cohort_scheduler, COHORT, SCHEDULER, GObject)

/* Runs the scheduled recalculations of @store's groups, one at a time, with
 * cohort_store_recalculate_group_async(), timed by @clock (NULL for
 * cohort_clock_get_default()). Keeps at most one timeout armed. */
CohortScheduler *cohort_scheduler_new                (CohortStore     *store,
                                                      CohortClock     *clock);
/* Starting runs the slots missed today shortly afterwards. */
void             cohort_scheduler_start              (CohortScheduler *self);
/* Disarms the timeout and cancels a running recalculation; its slot runs
 * again after the next start. */
void             cohort_scheduler_stop               (CohortScheduler *self);
/* Reads the groups again; call it after a group's schedule changed or a
 * group was deleted. */
void             cohort_scheduler_reschedule         (CohortScheduler *self);

/* Unix seconds of the next recalculation that has not started, 0 for none. */
gint64           cohort_scheduler_get_next_run       (CohortScheduler *self);
/* The group being recalculated now, 0 for none. */
gint64           cohort_scheduler_get_running_group  (CohortScheduler *self);

/* signal: "recalculation-started" (gint64 group_id)
 * signal: "recalculation-finished" (gint64 group_id, gint64 added,
 *         gint64 removed, GError *error) — @error NULL on success. */

G_END_DECLS
