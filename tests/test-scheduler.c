/* test-scheduler.c — the daily scheduled recalculation (SPEC §3)
 *
 * Most tests drive the scheduler with a CohortFakeClock through simulated
 * days on a real SQLite file; the last one waits for a real GLib timeout in
 * a real main loop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "cohort-recalc.h"
#include "cohort-scheduler.h"

#define VIP_CONDITION "{\"combinator\": \"and\", \"rules\": [{\"field\": \"tag\", \"operator\": \"=\", \"value\": \"vip\"}]}"
#define HOUR 3600
#define DAY 86400

typedef struct
{
  gint64 group_id;
  gint64 started_at;
  gint64 finished_at;  /* 0 while it runs */
} Run;

typedef struct
{
  char            *dir;
  CohortStore     *store;
  CohortClock     *clock;
  CohortScheduler *scheduler;
  GArray          *runs;
  gboolean         overlap;
  guint            max_timeouts;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("cohort-scheduler-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "cohort.db", NULL);
  f->store = cohort_store_open (path, &error);
  g_assert_no_error (error);
  f->runs = g_array_new (FALSE, TRUE, sizeof (Run));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&f->scheduler);
  g_clear_object (&f->clock);
  g_clear_object (&f->store);
  g_clear_pointer (&f->runs, g_array_unref);

  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static gint64
clock_now (Fixture *f)
{
  return cohort_clock_get_real_time (f->clock) / G_USEC_PER_SEC;
}

static gint64
local_time (const char *tz_id,
            int         year,
            int         month,
            int         day,
            int         hour,
            int         minute)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (tz_id);
  g_autoptr(GDateTime) time = g_date_time_new (tz, year, month, day, hour, minute, 0);

  return g_date_time_to_unix (time);
}

static gint64
utc (const char *iso8601)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (iso8601, NULL);

  g_assert_nonnull (time);
  return g_date_time_to_unix (time);
}

static void
recalculation_started_cb (CohortScheduler *scheduler,
                          gint64           group_id,
                          Fixture         *f)
{
  Run run = { group_id, clock_now (f), 0 };

  if (f->runs->len > 0 && g_array_index (f->runs, Run, f->runs->len - 1).finished_at == 0)
    f->overlap = TRUE;
  g_array_append_val (f->runs, run);
  /* The store's clock, which conditions and timestamps use, keeps step. */
  cohort_store_set_now (f->store, clock_now (f));
}

static void
recalculation_finished_cb (CohortScheduler *scheduler,
                           gint64           group_id,
                           gint64           added,
                           gint64           removed,
                           const GError    *error,
                           Fixture         *f)
{
  Run *run = &g_array_index (f->runs, Run, f->runs->len - 1);

  g_assert_no_error (error);
  g_assert_cmpint (run->group_id, ==, group_id);
  g_assert_cmpint (run->finished_at, ==, 0);
  run->finished_at = clock_now (f);
}

static void
fixture_start_clock (Fixture    *f,
                     gint64      start,
                     const char *tz_id)
{
  f->clock = cohort_fake_clock_new (start, tz_id);
  cohort_store_set_now (f->store, start);
}

static void
fixture_new_scheduler (Fixture *f)
{
  g_clear_object (&f->scheduler);
  f->scheduler = cohort_scheduler_new (f->store, f->clock);
  g_signal_connect (f->scheduler, "recalculation-started",
                    G_CALLBACK (recalculation_started_cb), f);
  g_signal_connect (f->scheduler, "recalculation-finished",
                    G_CALLBACK (recalculation_finished_cb), f);
}

static gint64
create_dynamic_group (Fixture    *f,
                      const char *code)
{
  g_autoptr(CohortGroup) group = cohort_group_new (code, code, COHORT_GROUP_DYNAMIC);
  g_autoptr(GError) error = NULL;

  cohort_group_set_condition_json (group, VIP_CONDITION);
  cohort_store_create_group (f->store, group, &error);
  g_assert_no_error (error);
  return cohort_group_get_id (group);
}

static CohortGroup *
get_group (Fixture *f,
           gint64   id)
{
  g_autoptr(GError) error = NULL;
  CohortGroup *group = cohort_store_get_group (f->store, id, &error);

  g_assert_no_error (error);
  return group;
}

static int
get_minute (Fixture *f,
            gint64   id)
{
  g_autoptr(CohortGroup) group = get_group (f, id);

  return cohort_group_get_schedule_minute (group);
}

/* Returns the slot minute, -1 when off. */
static int
schedule (Fixture  *f,
          gint64    id,
          gboolean  on,
          GRand    *rand)
{
  g_autoptr(GError) error = NULL;

  cohort_store_set_group_schedule (f->store, id, on, rand, &error);
  g_assert_no_error (error);
  return get_minute (f, id);
}

/* @n dynamic groups, each with the schedule on. */
static GArray *
create_scheduled_groups (Fixture *f,
                         guint    n,
                         guint32  seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *code = g_strdup_printf ("group-%03u", i);
      gint64 id = create_dynamic_group (f, code);

      schedule (f, id, TRUE, rand);
      g_array_append_val (ids, id);
    }
  return ids;
}

/* The scheduler started at noon on Monday 2 March 2026 in Prague with
 * @n_groups scheduled groups. */
static GArray *
start_in_prague (Fixture *f,
                 guint    n_groups,
                 guint32  seed)
{
  GArray *ids;

  fixture_start_clock (f, local_time ("Europe/Prague", 2026, 3, 2, 12, 0), "Europe/Prague");
  ids = create_scheduled_groups (f, n_groups, seed);
  fixture_new_scheduler (f);
  cohort_scheduler_start (f->scheduler);
  return ids;
}

static void
drain (Fixture *f)
{
  while (cohort_scheduler_get_running_group (f->scheduler) != 0)
    g_main_context_iteration (NULL, TRUE);
}

/* Lets @seconds pass a minute at a time, every recalculation the scheduler
 * starts finishing within its minute. */
static void
live (Fixture *f,
      gint64   seconds)
{
  CohortFakeClock *clock = COHORT_FAKE_CLOCK (f->clock);

  while (seconds > 0)
    {
      gint64 step = MIN (seconds, 60);

      cohort_fake_clock_advance (clock, step);
      drain (f);
      f->max_timeouts = MAX (f->max_timeouts, cohort_fake_clock_get_n_timeouts (clock));
      seconds -= step;
    }
}

static void
live_until (Fixture *f,
            gint64   until)
{
  g_assert_cmpint (until, >=, clock_now (f));
  live (f, until - clock_now (f));
}

static guint
count_runs (Fixture *f,
            gint64   group_id)
{
  guint n = 0;

  for (guint i = 0; i < f->runs->len; i++)
    n += g_array_index (f->runs, Run, i).group_id == group_id;
  return n;
}

static void
assert_runs_each (Fixture *f,
                  GArray  *ids,
                  guint    n)
{
  for (guint i = 0; i < ids->len; i++)
    g_assert_cmpuint (count_runs (f, g_array_index (ids, gint64, i)), ==, n);
}

static gint64
slot_on (int         minute,
         const char *tz_id,
         int         year,
         int         month,
         int         day)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (tz_id);
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return cohort_schedule_slot_for_day (minute, &date, tz);
}

/* ---- slots, without a store ------------------------------------------- */

static void
test_slot_for_day (void)
{
  /* An ordinary day. */
  g_assert_cmpint (slot_on (150, "Europe/Prague", 2026, 3, 2), ==, utc ("2026-03-02T01:30:00Z"));
  g_assert_cmpint (slot_on (150, "Europe/Prague", 2026, 7, 2), ==, utc ("2026-07-02T00:30:00Z"));

  /* Spring forward at 02:00 in Prague: 02:00–02:59 is skipped and its slots
   * move on by an hour, keeping their order among themselves. */
  g_assert_cmpint (slot_on (120, "Europe/Prague", 2026, 3, 29), ==, utc ("2026-03-29T01:00:00Z"));
  g_assert_cmpint (slot_on (150, "Europe/Prague", 2026, 3, 29), ==, utc ("2026-03-29T01:30:00Z"));
  g_assert_cmpint (slot_on (200, "Europe/Prague", 2026, 3, 29), ==, utc ("2026-03-29T01:20:00Z"));
  /* Fall back at 03:00 in Prague: 02:00–02:59 happens twice; the first counts. */
  g_assert_cmpint (slot_on (150, "Europe/Prague", 2026, 10, 25), ==, utc ("2026-10-25T00:30:00Z"));
  g_assert_cmpint (slot_on (200, "Europe/Prague", 2026, 10, 25), ==, utc ("2026-10-25T02:20:00Z"));

  /* New York skips 02:00–02:59 on 8 March and repeats 01:00–01:59 on
   * 1 November, before any slot. */
  g_assert_cmpint (slot_on (150, "America/New_York", 2026, 3, 8), ==, utc ("2026-03-08T07:30:00Z"));
  g_assert_cmpint (slot_on (200, "America/New_York", 2026, 3, 8), ==, utc ("2026-03-08T07:20:00Z"));
  g_assert_cmpint (slot_on (150, "America/New_York", 2026, 11, 1), ==, utc ("2026-11-01T07:30:00Z"));
  g_assert_cmpint (slot_on (359, "America/New_York", 2026, 11, 1), ==, utc ("2026-11-01T10:59:00Z"));
}

static void
test_slot_window (void)
{
  const char *zones[] = { "Europe/Prague", "America/New_York", "Australia/Sydney", "Asia/Kolkata" };

  /* Every minute the store can pick, every day of a year with both changes
   * of each zone: the slot is on that day between 02:00 and 06:00. */
  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    {
      g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zones[z]);
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, 1, 1, 2026);
      for (guint day = 0; day < 365; day++, g_date_add_days (&date, 1))
        for (int minute = 120; minute < 360; minute += 7)
          {
            gint64 slot = cohort_schedule_slot_for_day (minute, &date, tz);
            g_autoptr(GDateTime) utc_time = g_date_time_new_from_unix_utc (slot);
            g_autoptr(GDateTime) local = g_date_time_to_timezone (utc_time, tz);

            g_assert_cmpint (g_date_time_get_day_of_month (local), ==, g_date_get_day (&date));
            g_assert_cmpint (g_date_time_get_hour (local), >=, 2);
            g_assert_cmpint (g_date_time_get_hour (local), <, 6);
          }
    }
}

static void
test_due_rule (void)
{
  g_autoptr(CohortGroup) group = cohort_group_new ("vip", "VIP", COHORT_GROUP_DYNAMIC);
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Prague");
  gint64 slot = local_time ("Europe/Prague", 2026, 3, 10, 3, 15);
  gint64 tomorrow = local_time ("Europe/Prague", 2026, 3, 11, 3, 15);

  cohort_group_set_scheduled (group, TRUE);
  cohort_group_set_schedule_minute (group, 3 * 60 + 15);
  cohort_group_set_last_recalculated_at (group, slot - 2 * DAY);

  g_assert_cmpint (cohort_schedule_due_slot (group, slot - 1, tz), ==, 0);
  g_assert_cmpint (cohort_schedule_next_slot (group, slot - 1, tz), ==, slot);
  g_assert_cmpint (cohort_schedule_due_slot (group, slot, tz), ==, slot);
  g_assert_cmpint (cohort_schedule_due_slot (group, slot + 20 * HOUR, tz), ==, slot);
  g_assert_cmpint (cohort_schedule_next_slot (group, slot, tz), ==, tomorrow);

  /* Yesterday's missed slot is not due at 01:00: today's is two hours away. */
  g_assert_cmpint (cohort_schedule_due_slot (group, tomorrow - 2 * HOUR, tz), ==, 0);

  /* Once run, the day's slot is done. */
  cohort_group_set_schedule_last_run (group, slot);
  g_assert_cmpint (cohort_schedule_due_slot (group, slot + HOUR, tz), ==, 0);
  g_assert_cmpint (cohort_schedule_due_slot (group, tomorrow, tz), ==, tomorrow);

  /* So is a slot the group was recalculated after by hand. */
  cohort_group_set_schedule_last_run (group, 0);
  cohort_group_set_last_recalculated_at (group, slot + 60);
  g_assert_cmpint (cohort_schedule_due_slot (group, slot + HOUR, tz), ==, 0);

  /* The clock set back by a day: today's slot already ran "tomorrow". */
  cohort_group_set_last_recalculated_at (group, 0);
  cohort_group_set_schedule_last_run (group, tomorrow);
  g_assert_cmpint (cohort_schedule_due_slot (group, slot + HOUR, tz), ==, 0);
  g_assert_cmpint (cohort_schedule_next_slot (group, slot + HOUR, tz), ==,
                   local_time ("Europe/Prague", 2026, 3, 12, 3, 15));

  /* A run recorded years ahead (a wrong clock, cohort-cli --now) does not
   * stop the schedule. */
  cohort_group_set_schedule_last_run (group, slot + 1000 * DAY);
  g_assert_cmpint (cohort_schedule_due_slot (group, slot + HOUR, tz), ==, slot);

  cohort_group_set_scheduled (group, FALSE);
  g_assert_cmpint (cohort_schedule_due_slot (group, slot + HOUR, tz), ==, 0);
  g_assert_cmpint (cohort_schedule_next_slot (group, slot + HOUR, tz), ==, 0);

  cohort_group_set_scheduled (group, TRUE);
  cohort_group_set_kind (group, COHORT_GROUP_STATIC);
  g_assert_cmpint (cohort_schedule_due_slot (group, slot + HOUR, tz), ==, 0);
}

/* ---- with a store ------------------------------------------------------ */

static void
test_spread (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GHashTable) minutes = g_hash_table_new (NULL, NULL);
  guint per_minute[24 * 60] = { 0 };

  fixture_start_clock (f, local_time ("Europe/Prague", 2026, 3, 2, 12, 0), "Europe/Prague");
  ids = create_scheduled_groups (f, 100, 7);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(CohortGroup) group = get_group (f, g_array_index (ids, gint64, i));
      int minute = cohort_group_get_schedule_minute (group);

      g_assert_true (cohort_group_get_scheduled (group));
      g_assert_cmpint (minute, >=, 2 * 60);
      g_assert_cmpint (minute, <, 6 * 60);
      g_hash_table_add (minutes, GINT_TO_POINTER (minute));
      per_minute[minute]++;
    }

  /* 100 draws from 240 minutes give about 82 different ones. */
  g_assert_cmpuint (g_hash_table_size (minutes), >=, 60);
  for (guint i = 0; i < G_N_ELEMENTS (per_minute); i++)
    g_assert_cmpuint (per_minute[i], <=, 5);
}

static void
test_reenable (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);
  g_autoptr(CohortGroup) off = NULL;
  gint64 id;
  int first;
  int second;

  fixture_start_clock (f, local_time ("Europe/Prague", 2026, 3, 2, 12, 0), "Europe/Prague");
  id = create_dynamic_group (f, "vip");

  first = schedule (f, id, TRUE, rand);
  g_assert_cmpint (schedule (f, id, FALSE, rand), ==, -1);
  off = get_group (f, id);
  g_assert_false (cohort_group_get_scheduled (off));
  second = schedule (f, id, TRUE, rand);

  g_assert_cmpint (second, >=, 120);
  g_assert_cmpint (second, <=, 359);
  g_assert_cmpint (second, !=, first);
}

typedef struct
{
  const char *tz_id;
  int         year;
  int         month;
  int         day;      /* the scheduler starts at 12:00 that day */
  guint       n_days;   /* and runs until 12:00 this many days later */
  guint       n_groups;
} Simulation;

/* Each group ran once on each local day, at its slot, between 02:00 and
 * 06:00 local time, never two at a time. */
static void
test_daily (Fixture       *f,
            gconstpointer  data)
{
  const Simulation *sim = data;
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (sim->tz_id);
  g_autoptr(GArray) ids = NULL;
  guint in_repeated_hour = 0;
  GDate first_day;

  fixture_start_clock (f, local_time (sim->tz_id, sim->year, sim->month, sim->day, 12, 0), sim->tz_id);
  ids = create_scheduled_groups (f, sim->n_groups, sim->day);
  fixture_new_scheduler (f);
  cohort_scheduler_start (f->scheduler);

  live (f, (gint64) sim->n_days * DAY);

  g_assert_false (f->overlap);
  g_assert_cmpuint (f->max_timeouts, ==, 1);
  g_assert_cmpuint (f->runs->len, ==, sim->n_groups * sim->n_days);

  g_date_clear (&first_day, 1);
  g_date_set_dmy (&first_day, sim->day, sim->month, sim->year);
  g_date_add_days (&first_day, 1);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      int minute = get_minute (f, id);
      GDate date = first_day;
      guint r = 0;

      in_repeated_hour += minute < 3 * 60;
      for (guint d = 0; d < sim->n_days; d++, g_date_add_days (&date, 1))
        {
          gint64 slot = cohort_schedule_slot_for_day (minute, &date, tz);
          g_autoptr(GDateTime) started = NULL;
          g_autoptr(GDateTime) local = NULL;
          const Run *run = NULL;

          for (; r < f->runs->len && run == NULL; r++)
            if (g_array_index (f->runs, Run, r).group_id == id)
              run = &g_array_index (f->runs, Run, r);
          g_assert_nonnull (run);
          g_assert_cmpint (run->started_at, ==, slot);

          started = g_date_time_new_from_unix_utc (run->started_at);
          local = g_date_time_to_timezone (started, tz);
          g_assert_cmpint (g_date_time_get_day_of_month (local), ==, g_date_get_day (&date));
          g_assert_cmpint (g_date_time_get_hour (local), >=, 2);
          g_assert_cmpint (g_date_time_get_hour (local), <, 6);
        }
    }
  /* The daylight-saving tests mean something only with slots between 02:00
   * and 03:00, the hour Prague and New York skip in spring. */
  g_assert_cmpuint (in_repeated_hour, >, 0);
}

static void
test_catch_up (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GArray) ids = NULL;

  ids = start_in_prague (f, 5, 11);
  live_until (f, local_time ("Europe/Prague", 2026, 3, 3, 22, 0));
  assert_runs_each (f, ids, 1);

  /* The app is closed for the night. */
  cohort_scheduler_stop (f->scheduler);
  g_assert_cmpint (cohort_scheduler_get_next_run (f->scheduler), ==, 0);
  g_assert_cmpuint (cohort_fake_clock_get_n_timeouts (COHORT_FAKE_CLOCK (f->clock)), ==, 0);
  live_until (f, local_time ("Europe/Prague", 2026, 3, 4, 8, 0));
  assert_runs_each (f, ids, 1);

  /* Opened at 08:00: the missed slots run once, soon. */
  cohort_scheduler_start (f->scheduler);
  g_assert_cmpint (cohort_scheduler_get_next_run (f->scheduler), ==, clock_now (f) + 45);
  live (f, 60);
  assert_runs_each (f, ids, 2);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(CohortGroup) group = get_group (f, id);

      g_assert_cmpint (cohort_group_get_schedule_last_run (group), ==,
                       slot_on (cohort_group_get_schedule_minute (group), "Europe/Prague", 2026, 3, 4));
    }

  /* Restarted the same day, it does not run them again. */
  live (f, 2 * HOUR);
  fixture_new_scheduler (f);
  cohort_scheduler_start (f->scheduler);
  live_until (f, local_time ("Europe/Prague", 2026, 3, 4, 23, 59));
  assert_runs_each (f, ids, 2);

  live_until (f, local_time ("Europe/Prague", 2026, 3, 5, 8, 0));
  assert_runs_each (f, ids, 3);
  g_assert_false (f->overlap);
}

static void
test_opened_before_slot (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GArray) ids = NULL;

  ids = start_in_prague (f, 5, 12);
  live_until (f, local_time ("Europe/Prague", 2026, 3, 3, 8, 0));
  assert_runs_each (f, ids, 1);

  /* Closed for a day and a half, opened at 01:00: yesterday's slot is not
   * caught up, as today's comes within hours. */
  cohort_scheduler_stop (f->scheduler);
  live_until (f, local_time ("Europe/Prague", 2026, 3, 5, 1, 0));
  cohort_scheduler_start (f->scheduler);
  live (f, 50 * 60);
  assert_runs_each (f, ids, 1);
  live_until (f, local_time ("Europe/Prague", 2026, 3, 5, 8, 0));
  assert_runs_each (f, ids, 2);
}

static void
test_suspend (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GArray) ids = NULL;
  gint64 resumed;

  ids = start_in_prague (f, 5, 13);
  live_until (f, local_time ("Europe/Prague", 2026, 3, 2, 23, 0));
  g_assert_cmpuint (f->runs->len, ==, 0);

  /* Asleep from 23:00 to 07:00 over every slot. */
  cohort_fake_clock_suspend (COHORT_FAKE_CLOCK (f->clock), 8 * HOUR);
  resumed = clock_now (f);
  live (f, 15 * 60);
  assert_runs_each (f, ids, 1);
  for (guint i = 0; i < f->runs->len; i++)
    g_assert_cmpint (g_array_index (f->runs, Run, i).started_at, <=, resumed + 15 * 60);

  live_until (f, local_time ("Europe/Prague", 2026, 3, 4, 8, 0));
  assert_runs_each (f, ids, 2);
}

static void
test_clock_jump (Fixture       *f,
                 gconstpointer  data)
{
  CohortFakeClock *clock;
  g_autoptr(GArray) ids = NULL;
  gint64 jumped;

  ids = start_in_prague (f, 5, 14);
  clock = COHORT_FAKE_CLOCK (f->clock);
  live_until (f, local_time ("Europe/Prague", 2026, 3, 3, 8, 0));
  assert_runs_each (f, ids, 1);

  /* Set back a day, the clock passes the same slots again: no second run. */
  cohort_fake_clock_jump (clock, -DAY);
  live_until (f, local_time ("Europe/Prague", 2026, 3, 3, 8, 0));
  assert_runs_each (f, ids, 1);
  live_until (f, local_time ("Europe/Prague", 2026, 3, 4, 8, 0));
  assert_runs_each (f, ids, 2);

  /* Set forward over a night: the missed slots run once, at the latest
   * when the scheduler next wakes up. */
  live_until (f, local_time ("Europe/Prague", 2026, 3, 4, 20, 0));
  cohort_fake_clock_jump (clock, 12 * HOUR);
  jumped = clock_now (f);
  live (f, 15 * 60);
  assert_runs_each (f, ids, 3);
  g_assert_cmpint (g_array_index (f->runs, Run, f->runs->len - 1).started_at, <=, jumped + 15 * 60);
  live_until (f, local_time ("Europe/Prague", 2026, 3, 5, 23, 0));
  assert_runs_each (f, ids, 3);
}

static void
test_timezone_change (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GArray) ids = NULL;
  gint64 expected_next = 0;
  gboolean any_due = FALSE;

  ids = start_in_prague (f, 5, 15);
  live_until (f, local_time ("Europe/Prague", 2026, 3, 3, 8, 0));
  assert_runs_each (f, ids, 1);

  /* A flight to New York: it is 02:00 there, today's slots there are ahead. */
  cohort_fake_clock_set_timezone (COHORT_FAKE_CLOCK (f->clock), "America/New_York");
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(CohortGroup) group = get_group (f, g_array_index (ids, gint64, i));
      gint64 next = cohort_schedule_next_slot (group, clock_now (f), new_york);

      any_due |= cohort_schedule_due_slot (group, clock_now (f), new_york) != 0;
      if (expected_next == 0 || next < expected_next)
        expected_next = next;
    }
  /* The scheduler heard of the change at once. */
  g_assert_cmpint (cohort_scheduler_get_next_run (f->scheduler), ==,
                   any_due ? clock_now (f) + 45 : expected_next);

  /* Once a New York day from now on, although Prague's run was hours ago. */
  live_until (f, local_time ("America/New_York", 2026, 3, 3, 8, 0));
  assert_runs_each (f, ids, 2);
  live_until (f, local_time ("America/New_York", 2026, 3, 4, 8, 0));
  assert_runs_each (f, ids, 3);
  for (guint i = ids->len; i < f->runs->len; i++)
    {
      g_autoptr(GDateTime) started = g_date_time_new_from_unix_utc (g_array_index (f->runs, Run, i).started_at);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (started, new_york);

      g_assert_cmpint (g_date_time_get_hour (local), >=, 2);
      g_assert_cmpint (g_date_time_get_hour (local), <, 6);
    }
}

static void
test_busy (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (16);
  g_autoptr(CohortGroup) recorded = NULL;
  gint64 first;
  gint64 second;
  gint64 first_slot;
  gint64 second_slot;
  const Run *runs;

  fixture_start_clock (f, local_time ("Europe/Prague", 2026, 3, 2, 12, 0), "Europe/Prague");
  first = create_dynamic_group (f, "first");
  second = create_dynamic_group (f, "second");
  schedule (f, first, TRUE, rand);
  while (schedule (f, second, TRUE, rand) == get_minute (f, first))
    schedule (f, second, FALSE, NULL);
  if (get_minute (f, second) < get_minute (f, first))
    {
      gint64 earlier = second;

      second = first;
      first = earlier;
    }
  first_slot = slot_on (get_minute (f, first), "Europe/Prague", 2026, 3, 3);
  second_slot = slot_on (get_minute (f, second), "Europe/Prague", 2026, 3, 3);

  fixture_new_scheduler (f);
  cohort_scheduler_start (f->scheduler);

  /* The first recalculation is still running (its result waits in the
   * main loop) when the second slot comes. */
  cohort_fake_clock_advance (COHORT_FAKE_CLOCK (f->clock), first_slot - clock_now (f));
  g_assert_cmpint (cohort_scheduler_get_running_group (f->scheduler), ==, first);
  cohort_fake_clock_advance (COHORT_FAKE_CLOCK (f->clock), second_slot + 60 - clock_now (f));
  g_assert_cmpint (cohort_scheduler_get_running_group (f->scheduler), ==, first);
  g_assert_cmpuint (f->runs->len, ==, 1);

  /* Nor does anything else start a second one meanwhile. */
  cohort_scheduler_reschedule (f->scheduler);
  cohort_fake_clock_set_timezone (COHORT_FAKE_CLOCK (f->clock), "Europe/Prague");
  cohort_scheduler_start (f->scheduler);
  cohort_fake_clock_advance (COHORT_FAKE_CLOCK (f->clock), 60);
  g_assert_cmpint (cohort_scheduler_get_running_group (f->scheduler), ==, first);
  g_assert_cmpuint (f->runs->len, ==, 1);

  drain (f);
  g_assert_cmpuint (f->runs->len, ==, 2);
  g_assert_false (f->overlap);
  runs = (const Run *) f->runs->data;
  g_assert_cmpint (runs[0].group_id, ==, first);
  g_assert_cmpint (runs[1].group_id, ==, second);
  g_assert_cmpint (runs[1].started_at, ==, runs[0].finished_at);

  /* It is recorded against its own slot, not the time it ran. */
  recorded = get_group (f, second);
  g_assert_cmpint (cohort_group_get_schedule_last_run (recorded), ==, second_slot);
}

static void
test_wakeups (Fixture       *f,
              gconstpointer  data)
{
  CohortFakeClock *clock;
  g_autoptr(GArray) ids = NULL;
  guint before;
  guint idle_hour;
  guint night;

  ids = start_in_prague (f, 100, 17);
  clock = COHORT_FAKE_CLOCK (f->clock);

  before = cohort_fake_clock_get_n_wakeups (clock);
  live (f, HOUR);
  idle_hour = cohort_fake_clock_get_n_wakeups (clock) - before;
  g_test_message ("Idle hour with 100 scheduled groups: %u wake-ups", idle_hour);
  g_assert_cmpuint (idle_hour, <=, 4);

  live_until (f, local_time ("Europe/Prague", 2026, 3, 3, 0, 0));
  before = cohort_fake_clock_get_n_wakeups (clock);
  live (f, 8 * HOUR);
  night = cohort_fake_clock_get_n_wakeups (clock) - before;
  g_test_message ("Night from 00:00 to 08:00 with 100 slots: %u wake-ups", night);
  g_assert_cmpuint (night, <=, 100 + 8 * 4);
  assert_runs_each (f, ids, 1);
  g_assert_cmpuint (f->max_timeouts, ==, 1);
}

static GArray *
list_due_at (Fixture *f,
             gint64   now)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Prague");
  g_autoptr(GError) error = NULL;
  GArray *due = cohort_scheduler_list_due (f->store, now, tz, &error);

  g_assert_no_error (error);
  return due;
}

static void
test_list_due (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (18);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) at_one = NULL;
  g_autoptr(GArray) next_morning = NULL;
  g_autoptr(GArray) after_run = NULL;
  g_autoptr(GArray) before_slot = NULL;
  gint64 a;
  gint64 b;
  gint64 earlier;
  gint64 later;

  fixture_start_clock (f, local_time ("Europe/Prague", 2026, 3, 2, 12, 0), "Europe/Prague");
  a = create_dynamic_group (f, "a");
  b = create_dynamic_group (f, "b");
  create_dynamic_group (f, "unscheduled");
  schedule (f, a, TRUE, rand);
  schedule (f, b, TRUE, rand);
  earlier = get_minute (f, a) <= get_minute (f, b) ? a : b;
  later = earlier == a ? b : a;

  /* Switched on at noon: today's slot is not owed. */
  at_one = list_due_at (f, local_time ("Europe/Prague", 2026, 3, 2, 13, 0));
  g_assert_cmpuint (at_one->len, ==, 0);

  /* The next morning both are due, the earlier slot first. */
  next_morning = list_due_at (f, local_time ("Europe/Prague", 2026, 3, 3, 8, 0));
  g_assert_cmpuint (next_morning->len, ==, 2);
  g_assert_cmpint (g_array_index (next_morning, gint64, 0), ==, earlier);
  g_assert_cmpint (g_array_index (next_morning, gint64, 1), ==, later);

  cohort_store_set_group_schedule_last_run (f->store, earlier,
                                            slot_on (get_minute (f, earlier), "Europe/Prague", 2026, 3, 3),
                                            &error);
  g_assert_no_error (error);
  after_run = list_due_at (f, local_time ("Europe/Prague", 2026, 3, 3, 8, 0));
  g_assert_cmpuint (after_run->len, ==, 1);
  g_assert_cmpint (g_array_index (after_run, gint64, 0), ==, later);

  before_slot = list_due_at (f, local_time ("Europe/Prague", 2026, 3, 4, 1, 0));
  g_assert_cmpuint (before_slot->len, ==, 0);
}

/* ---- a real main loop -------------------------------------------------- */

/* The machine's clock and GLib's timeouts, with the wall time moved to
 * seconds before a slot; the slot minute makes a slot "now" impossible. */
#define TEST_TYPE_SHIFTED_CLOCK (test_shifted_clock_get_type ())
G_DECLARE_FINAL_TYPE (TestShiftedClock, test_shifted_clock, TEST, SHIFTED_CLOCK, CohortClock)

struct _TestShiftedClock
{
  CohortClock parent_instance;
  gint64      shift;  /* µs */
};

G_DEFINE_FINAL_TYPE (TestShiftedClock, test_shifted_clock, COHORT_TYPE_CLOCK)

static gint64
test_shifted_clock_get_real_time (CohortClock *clock)
{
  return COHORT_CLOCK_CLASS (test_shifted_clock_parent_class)->get_real_time (clock)
         + TEST_SHIFTED_CLOCK (clock)->shift;
}

static void
test_shifted_clock_class_init (TestShiftedClockClass *klass)
{
  COHORT_CLOCK_CLASS (klass)->get_real_time = test_shifted_clock_get_real_time;
}

static void
test_shifted_clock_init (TestShiftedClock *self)
{
}

static void
quit_cb (CohortScheduler *scheduler,
         gint64           group_id,
         gint64           added,
         gint64           removed,
         const GError    *error,
         GMainLoop       *loop)
{
  g_main_loop_quit (loop);
}

static gboolean
give_up_cb (gpointer data)
{
  g_error ("The scheduled recalculation did not happen within 30 s");
  return G_SOURCE_REMOVE;
}

static gint64
save_contact (Fixture    *f,
              const char *email,
              gint64      created_at)
{
  g_autoptr(CohortContact) contact = cohort_contact_new ();
  g_autoptr(GError) error = NULL;

  cohort_contact_set_text (contact, COHORT_CONTACT_EMAIL, email);
  cohort_contact_set_created_at (contact, created_at);
  cohort_store_save_contact (f->store, contact, NULL, &error);
  g_assert_no_error (error);
  return cohort_contact_get_id (contact);
}

static void
test_main_loop (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(CohortGroup) group = cohort_group_new ("new", "New contacts", COHORT_GROUP_DYNAMIC);
  g_autoptr(GRand) rand = g_rand_new_with_seed (19);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;
  g_autoptr(CohortGroup) ran = NULL;
  g_autoptr(GDateTime) local_now = NULL;
  TestShiftedClock *clock;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 staying;
  gint64 slot;
  guint give_up_id;
  GDate tomorrow;

  /* Within the last day for two more seconds, and for hours. */
  save_contact (f, "leaving@example.com", now - DAY + 2);
  staying = save_contact (f, "staying@example.com", now - 3 * HOUR);
  cohort_group_set_condition_json (group, "{\"combinator\": \"and\", \"rules\": [{\"field\": \"created_at\", "
                                          "\"operator\": \"withinLastDays\", \"value\": 1}]}");
  cohort_store_create_group (f->store, group, &error);
  g_assert_no_error (error);
  before = cohort_store_list_member_ids (f->store, cohort_group_get_id (group), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (before->len, ==, 2);

  schedule (f, cohort_group_get_id (group), TRUE, rand);
  local_now = g_date_time_new_now (tz);
  g_date_clear (&tomorrow, 1);
  g_date_set_dmy (&tomorrow, g_date_time_get_day_of_month (local_now),
                  g_date_time_get_month (local_now), g_date_time_get_year (local_now));
  g_date_add_days (&tomorrow, 1);
  slot = cohort_schedule_slot_for_day (get_minute (f, cohort_group_get_id (group)), &tomorrow, tz);

  /* The slot comes five seconds after the scheduler starts: whole-second
   * timeouts may fire a quarter of a second early, and the leaving contact
   * must be out of the last day by then. */
  clock = g_object_new (TEST_TYPE_SHIFTED_CLOCK, NULL);
  clock->shift = (slot - 5) * G_USEC_PER_SEC - g_get_real_time ();
  f->clock = COHORT_CLOCK (clock);
  f->scheduler = cohort_scheduler_new (f->store, f->clock);
  g_signal_connect (f->scheduler, "recalculation-finished", G_CALLBACK (quit_cb), loop);
  cohort_scheduler_start (f->scheduler);
  g_assert_cmpint (cohort_scheduler_get_next_run (f->scheduler), ==, slot);

  give_up_id = g_timeout_add_seconds (30, give_up_cb, NULL);
  g_main_loop_run (loop);
  g_source_remove (give_up_id);

  after = cohort_store_list_member_ids (f->store, cohort_group_get_id (group), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, 1);
  g_assert_cmpint (g_array_index (after, gint64, 0), ==, staying);
  ran = get_group (f, cohort_group_get_id (group));
  g_assert_cmpint (cohort_group_get_schedule_last_run (ran), ==, slot);
  g_assert_cmpint (cohort_scheduler_get_next_run (f->scheduler), ==,
                   cohort_schedule_next_slot (ran, slot + 1, tz));
}

int
main (int argc, char *argv[])
{
  static const Simulation fortnight = { "Europe/Prague", 2026, 3, 21, 14, 100 };
  static const Simulation prague_autumn = { "Europe/Prague", 2026, 10, 23, 4, 40 };
  static const Simulation new_york_spring = { "America/New_York", 2026, 3, 6, 4, 40 };
  static const Simulation new_york_autumn = { "America/New_York", 2026, 10, 30, 4, 40 };

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scheduler/slot-for-day", test_slot_for_day);
  g_test_add_func ("/scheduler/slot-window", test_slot_window);
  g_test_add_func ("/scheduler/due-rule", test_due_rule);
  g_test_add ("/scheduler/spread", Fixture, NULL, fixture_set_up, test_spread, fixture_tear_down);
  g_test_add ("/scheduler/reenable", Fixture, NULL, fixture_set_up, test_reenable, fixture_tear_down);
  g_test_add ("/scheduler/daily/prague-fortnight", Fixture, &fortnight,
              fixture_set_up, test_daily, fixture_tear_down);
  g_test_add ("/scheduler/daily/prague-autumn", Fixture, &prague_autumn,
              fixture_set_up, test_daily, fixture_tear_down);
  g_test_add ("/scheduler/daily/new-york-spring", Fixture, &new_york_spring,
              fixture_set_up, test_daily, fixture_tear_down);
  g_test_add ("/scheduler/daily/new-york-autumn", Fixture, &new_york_autumn,
              fixture_set_up, test_daily, fixture_tear_down);
  g_test_add ("/scheduler/catch-up", Fixture, NULL, fixture_set_up, test_catch_up, fixture_tear_down);
  g_test_add ("/scheduler/opened-before-slot", Fixture, NULL,
              fixture_set_up, test_opened_before_slot, fixture_tear_down);
  g_test_add ("/scheduler/suspend", Fixture, NULL, fixture_set_up, test_suspend, fixture_tear_down);
  g_test_add ("/scheduler/clock-jump", Fixture, NULL, fixture_set_up, test_clock_jump, fixture_tear_down);
  g_test_add ("/scheduler/timezone-change", Fixture, NULL,
              fixture_set_up, test_timezone_change, fixture_tear_down);
  g_test_add ("/scheduler/busy", Fixture, NULL, fixture_set_up, test_busy, fixture_tear_down);
  g_test_add ("/scheduler/wakeups", Fixture, NULL, fixture_set_up, test_wakeups, fixture_tear_down);
  g_test_add ("/scheduler/list-due", Fixture, NULL, fixture_set_up, test_list_due, fixture_tear_down);
  g_test_add ("/scheduler/main-loop", Fixture, NULL, fixture_set_up, test_main_loop, fixture_tear_down);

  return g_test_run ();
}
