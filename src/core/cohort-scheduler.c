/* cohort-scheduler.c
 *
 * The scheduler keeps one timeout armed: for the nearest slot, but never
 * longer than MAX_SLEEP. Timeouts count monotonic time, which on Linux stops
 * while the machine sleeps and ignores changes of the wall clock, so a wake-up
 * at least every MAX_SLEEP is how a resume or a new wall-clock time is
 * noticed without waking the idle app more than a few times an hour.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cohort-error.h"
#include "cohort-recalc.h"
#include "cohort-scheduler.h"

/* Seconds between start-up (or a change of time zone) and the run of a
 * slot missed today: the app's window comes first. */
#define CATCH_UP_DELAY 45
/* Seconds; at most this late is a resume or a wall-clock change noticed. */
#define MAX_SLEEP (15 * 60)
/* A recorded run further in the future than this, in seconds, comes from a
 * clock that was wrong (or cohort-cli --now) and is disregarded; a nearer
 * one is a clock set back a little and still counts, so that a slot does
 * not run twice. */
#define MAX_CLOCK_STEP_BACK (36 * 3600)
#define SECONDS_PER_DAY 86400
/* g_date_get_julian() of 1970-01-01. */
#define UNIX_EPOCH_JULIAN 719163

/* ---- slots ------------------------------------------------------------- */

static gint32
offset_at (GTimeZone *tz,
           gint64     instant)
{
  return g_time_zone_get_offset (tz, g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, instant));
}

gint64
cohort_schedule_slot_for_day (int          minute,
                              const GDate *date,
                              GTimeZone   *tz)
{
  gint64 wall;
  gint64 first_valid = G_MAXINT64;
  gint64 latest = G_MININT64;

  g_return_val_if_fail (date != NULL && g_date_valid (date), 0);
  g_return_val_if_fail (tz != NULL, 0);

  /* The wall-clock reading counted as if it were UTC; subtracting the
   * right offset gives the instant. The offsets in force a day either side
   * cover any daylight-saving change that day. */
  wall = ((gint64) g_date_get_julian (date) - UNIX_EPOCH_JULIAN) * SECONDS_PER_DAY + minute * 60;
  for (int day = -1; day <= 1; day++)
    {
      gint32 offset = offset_at (tz, wall + day * SECONDS_PER_DAY);
      gint64 instant = wall - offset;

      if (offset_at (tz, instant) == offset)
        first_valid = MIN (first_valid, instant);
      latest = MAX (latest, instant);
    }

  /* No offset fits inside a gap; the one from before the gap gives the
   * instant as long after the change as the wall time is after its start. */
  return first_valid != G_MAXINT64 ? first_valid : latest;
}

static void
local_date (gint64     instant,
            GTimeZone *tz,
            GDate     *out_date)
{
  gint64 wall = instant + offset_at (tz, instant);

  g_date_clear (out_date, 1);
  g_date_set_julian (out_date, (guint32) (wall / SECONDS_PER_DAY + UNIX_EPOCH_JULIAN));
}

static gboolean
group_is_scheduled (CohortGroup *group)
{
  int minute = cohort_group_get_schedule_minute (group);

  return cohort_group_get_scheduled (group)
         && cohort_group_get_kind (group) == COHORT_GROUP_DYNAMIC
         && minute >= 0 && minute < 24 * 60;
}

/* Slots up to this instant are done. */
static gint64
group_done_until (CohortGroup *group,
                  gint64       now)
{
  gint64 times[] = {
    cohort_group_get_schedule_last_run (group),
    cohort_group_get_last_recalculated_at (group),
  };
  gint64 done = 0;

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    if (times[i] <= now + MAX_CLOCK_STEP_BACK)
      done = MAX (done, times[i]);
  return done;
}

gint64
cohort_schedule_due_slot (CohortGroup *group,
                          gint64       now,
                          GTimeZone   *tz)
{
  GDate today;
  gint64 slot;

  g_return_val_if_fail (COHORT_IS_GROUP (group), 0);
  g_return_val_if_fail (tz != NULL, 0);

  if (!group_is_scheduled (group))
    return 0;

  local_date (now, tz, &today);
  slot = cohort_schedule_slot_for_day (cohort_group_get_schedule_minute (group), &today, tz);
  if (slot > now || slot <= group_done_until (group, now))
    return 0;
  return slot;
}

gint64
cohort_schedule_next_slot (CohortGroup *group,
                           gint64       now,
                           GTimeZone   *tz)
{
  GDate day;
  gint64 done;
  int minute;

  g_return_val_if_fail (COHORT_IS_GROUP (group), 0);
  g_return_val_if_fail (tz != NULL, 0);

  if (!group_is_scheduled (group))
    return 0;

  minute = cohort_group_get_schedule_minute (group);
  done = group_done_until (group, now);
  local_date (now, tz, &day);
  /* Ends within a few days: done is at most MAX_CLOCK_STEP_BACK ahead. */
  for (;;)
    {
      gint64 slot = cohort_schedule_slot_for_day (minute, &day, tz);

      if (slot > now && slot > done)
        return slot;
      g_date_add_days (&day, 1);
    }
}

typedef struct
{
  gint64 group_id;
  gint64 slot;
} DueSlot;

static int
compare_due_slots (gconstpointer a,
                   gconstpointer b)
{
  const DueSlot *due_a = a;
  const DueSlot *due_b = b;

  if (due_a->slot != due_b->slot)
    return due_a->slot < due_b->slot ? -1 : 1;
  if (due_a->group_id != due_b->group_id)
    return due_a->group_id < due_b->group_id ? -1 : 1;
  return 0;
}

/* DueSlot, earliest first; @out_next (optional) is the nearest slot after
 * @now of any group. */
static GArray *
collect_due_slots (GPtrArray *groups,
                   gint64     now,
                   GTimeZone *tz,
                   gint64    *out_next)
{
  GArray *due = g_array_new (FALSE, FALSE, sizeof (DueSlot));
  gint64 next = 0;

  for (guint i = 0; i < groups->len; i++)
    {
      CohortGroup *group = g_ptr_array_index (groups, i);
      DueSlot slot = { cohort_group_get_id (group), cohort_schedule_due_slot (group, now, tz) };
      gint64 group_next = cohort_schedule_next_slot (group, now, tz);

      if (slot.slot != 0)
        g_array_append_val (due, slot);
      if (group_next != 0 && (next == 0 || group_next < next))
        next = group_next;
    }
  g_array_sort (due, compare_due_slots);

  if (out_next != NULL)
    *out_next = next;
  return due;
}

GArray *
cohort_scheduler_list_due (CohortStore  *store,
                           gint64        now_unix,
                           GTimeZone    *tz,
                           GError      **error)
{
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GArray) due = NULL;
  GArray *ids;

  g_return_val_if_fail (COHORT_IS_STORE (store), NULL);
  g_return_val_if_fail (tz != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  groups = cohort_store_list_groups (store, error);
  if (groups == NULL)
    return NULL;

  due = collect_due_slots (groups, now_unix, tz, NULL);
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), due->len);
  for (guint i = 0; i < due->len; i++)
    g_array_append_val (ids, g_array_index (due, DueSlot, i).group_id);
  return ids;
}

/* ---- the scheduler ----------------------------------------------------- */

struct _CohortScheduler
{
  GObject       parent_instance;

  CohortStore  *store;
  CohortClock  *clock;

  gboolean      started;
  guint         wake_id;
  gint64        next_run;
  gint64        running_group;
  gint64        running_slot;
  GCancellable *cancellable;
  /* group id → the slot that failed; not tried again until a restart, so
   * a group that cannot be recalculated does not fail every few minutes. */
  GHashTable   *failed_slots;
};

G_DEFINE_FINAL_TYPE (CohortScheduler, cohort_scheduler, G_TYPE_OBJECT)

enum { PROP_0, PROP_STORE, PROP_CLOCK, PROP_NEXT_RUN, PROP_RUNNING_GROUP, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { RECALCULATION_STARTED, RECALCULATION_FINISHED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void cohort_scheduler_update (CohortScheduler *self,
                                     guint            delay);

static gboolean
slot_has_failed (CohortScheduler *self,
                 const DueSlot   *due)
{
  gint64 *failed = g_hash_table_lookup (self->failed_slots, &due->group_id);

  return failed != NULL && failed[1] == due->slot;
}

static void
remember_failed_slot (CohortScheduler *self,
                      gint64           group_id,
                      gint64           slot)
{
  /* The key is the first element of the value, so one allocation holds both. */
  gint64 *entry = g_new (gint64, 2);

  entry[0] = group_id;
  entry[1] = slot;
  g_hash_table_replace (self->failed_slots, entry, entry);
}

static void
set_next_run (CohortScheduler *self,
              gint64           next_run)
{
  if (self->next_run == next_run)
    return;
  self->next_run = next_run;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEXT_RUN]);
}

static void
set_running (CohortScheduler *self,
             gint64           group_id,
             gint64           slot)
{
  self->running_slot = slot;
  if (self->running_group == group_id)
    return;
  self->running_group = group_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING_GROUP]);
}

static gboolean
wake_cb (gpointer user_data)
{
  CohortScheduler *self = user_data;

  self->wake_id = 0;
  cohort_scheduler_update (self, 0);
  return G_SOURCE_REMOVE;
}

static void
disarm (CohortScheduler *self)
{
  if (self->wake_id != 0)
    cohort_clock_remove_timeout (self->clock, self->wake_id);
  self->wake_id = 0;
}

static void
arm (CohortScheduler *self,
     gint64           seconds)
{
  g_assert (self->wake_id == 0);

  self->wake_id = cohort_clock_add_timeout (self->clock, (guint) CLAMP (seconds, 1, MAX_SLEEP),
                                            wake_cb, self, NULL);
}

static void
recalculated_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CohortScheduler) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 group_id = self->running_group;
  gint64 slot = self->running_slot;
  gint64 added = 0;
  gint64 removed = 0;

  if (cohort_store_recalculate_group_finish (self->store, result, &added, &removed, &error))
    {
      g_autoptr(GError) record_error = NULL;

      if (!cohort_store_set_group_schedule_last_run (self->store, group_id, slot, &record_error))
        {
          g_warning ("Could not record the scheduled recalculation of group %" G_GINT64_FORMAT ": %s",
                     group_id, record_error->message);
          remember_failed_slot (self, group_id, slot);
        }
    }
  else if (!g_error_matches (error, COHORT_ERROR, COHORT_ERROR_CANCELLED)
           && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_debug ("Scheduled recalculation of group %" G_GINT64_FORMAT " failed: %s",
               group_id, error->message);
      remember_failed_slot (self, group_id, slot);
    }

  set_running (self, 0, 0);
  g_signal_emit (self, signals[RECALCULATION_FINISHED], 0, group_id, added, removed, error);
  cohort_scheduler_update (self, 0);
}

static void
run (CohortScheduler *self,
     const DueSlot   *due)
{
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_running (self, due->group_id, due->slot);
  g_signal_emit (self, signals[RECALCULATION_STARTED], 0, due->group_id);
  cohort_store_recalculate_group_async (self->store, due->group_id, self->cancellable,
                                        NULL, NULL, NULL,
                                        recalculated_cb, g_object_ref (self));
}

/* Looks at the groups again: runs the earliest due slot now (@delay 0) or
 * arms the timeout for it, else arms it for the nearest slot. */
static void
cohort_scheduler_update (CohortScheduler *self,
                         guint            delay)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GArray) due = NULL;
  g_autoptr(GError) error = NULL;
  const DueSlot *first = NULL;
  guint n_runnable = 0;
  gint64 now;
  gint64 next;

  disarm (self);
  if (!self->started)
    {
      set_next_run (self, 0);
      return;
    }
  /* The end of the running recalculation updates again. */
  if (self->running_group != 0)
    return;

  groups = cohort_store_list_groups (self->store, &error);
  if (groups == NULL)
    {
      g_warning ("Scheduled recalculation cannot read the groups: %s", error->message);
      arm (self, MAX_SLEEP);
      return;
    }

  now = cohort_clock_get_real_time (self->clock) / G_USEC_PER_SEC;
  tz = cohort_clock_get_timezone (self->clock);
  due = collect_due_slots (groups, now, tz, &next);
  for (guint i = 0; i < due->len; i++)
    {
      const DueSlot *slot = &g_array_index (due, DueSlot, i);

      if (slot_has_failed (self, slot))
        continue;
      if (first == NULL)
        first = slot;
      n_runnable++;
    }

  if (first != NULL && delay == 0)
    {
      run (self, first);
      /* Any further due slot runs right after this one. */
      set_next_run (self, n_runnable > 1 ? now : next);
    }
  else if (first != NULL)
    {
      arm (self, delay);
      set_next_run (self, now + delay);
    }
  else
    {
      if (next != 0)
        arm (self, next - now);
      set_next_run (self, next);
    }
}

static void
clock_changed_cb (CohortScheduler *self)
{
  if (self->started)
    cohort_scheduler_update (self, CATCH_UP_DELAY);
}

static void
cohort_scheduler_constructed (GObject *object)
{
  CohortScheduler *self = COHORT_SCHEDULER (object);

  G_OBJECT_CLASS (cohort_scheduler_parent_class)->constructed (object);

  g_assert (COHORT_IS_STORE (self->store));
  if (self->clock == NULL)
    self->clock = g_object_ref (cohort_clock_get_default ());
  g_signal_connect_object (self->clock, "changed",
                           G_CALLBACK (clock_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
cohort_scheduler_dispose (GObject *object)
{
  CohortScheduler *self = COHORT_SCHEDULER (object);

  if (self->clock != NULL)
    disarm (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->clock);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cohort_scheduler_parent_class)->dispose (object);
}

static void
cohort_scheduler_finalize (GObject *object)
{
  CohortScheduler *self = COHORT_SCHEDULER (object);

  g_clear_pointer (&self->failed_slots, g_hash_table_unref);

  G_OBJECT_CLASS (cohort_scheduler_parent_class)->finalize (object);
}

static void
cohort_scheduler_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CohortScheduler *self = COHORT_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CLOCK:
      g_value_set_object (value, self->clock);
      break;
    case PROP_NEXT_RUN:
      g_value_set_int64 (value, self->next_run);
      break;
    case PROP_RUNNING_GROUP:
      g_value_set_int64 (value, self->running_group);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cohort_scheduler_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CohortScheduler *self = COHORT_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_CLOCK:
      self->clock = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cohort_scheduler_class_init (CohortSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = cohort_scheduler_constructed;
  object_class->dispose = cohort_scheduler_dispose;
  object_class->finalize = cohort_scheduler_finalize;
  object_class->get_property = cohort_scheduler_get_property;
  object_class->set_property = cohort_scheduler_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, COHORT_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLOCK] =
    g_param_spec_object ("clock", NULL, NULL, COHORT_TYPE_CLOCK,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEXT_RUN] =
    g_param_spec_int64 ("next-run", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_RUNNING_GROUP] =
    g_param_spec_int64 ("running-group", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[RECALCULATION_STARTED] =
    g_signal_new ("recalculation-started",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[RECALCULATION_FINISHED] =
    g_signal_new ("recalculation-finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4,
                  G_TYPE_INT64, G_TYPE_INT64, G_TYPE_INT64,
                  G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
cohort_scheduler_init (CohortScheduler *self)
{
  self->failed_slots = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
}

CohortScheduler *
cohort_scheduler_new (CohortStore *store,
                      CohortClock *clock)
{
  g_return_val_if_fail (COHORT_IS_STORE (store), NULL);
  g_return_val_if_fail (clock == NULL || COHORT_IS_CLOCK (clock), NULL);

  return g_object_new (COHORT_TYPE_SCHEDULER,
                       "store", store,
                       "clock", clock,
                       NULL);
}

void
cohort_scheduler_start (CohortScheduler *self)
{
  g_return_if_fail (COHORT_IS_SCHEDULER (self));

  self->started = TRUE;
  cohort_scheduler_update (self, CATCH_UP_DELAY);
}

void
cohort_scheduler_stop (CohortScheduler *self)
{
  g_return_if_fail (COHORT_IS_SCHEDULER (self));

  self->started = FALSE;
  g_cancellable_cancel (self->cancellable);
  cohort_scheduler_update (self, 0);
}

void
cohort_scheduler_reschedule (CohortScheduler *self)
{
  g_return_if_fail (COHORT_IS_SCHEDULER (self));

  cohort_scheduler_update (self, CATCH_UP_DELAY);
}

gint64
cohort_scheduler_get_next_run (CohortScheduler *self)
{
  g_return_val_if_fail (COHORT_IS_SCHEDULER (self), 0);

  return self->next_run;
}

gint64
cohort_scheduler_get_running_group (CohortScheduler *self)
{
  g_return_val_if_fail (COHORT_IS_SCHEDULER (self), 0);

  return self->running_group;
}
