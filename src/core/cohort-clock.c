/* cohort-clock.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>

#include "cohort-clock.h"

/* Where the system keeps the local zone; timedated replaces the link. */
#define LOCALTIME_PATH "/etc/localtime"

typedef struct
{
  GFileMonitor *localtime_monitor;
} CohortClockPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (CohortClock, cohort_clock, G_TYPE_OBJECT)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static gint64
cohort_clock_real_get_real_time (CohortClock *self)
{
  return g_get_real_time ();
}

static gint64
cohort_clock_real_get_monotonic_time (CohortClock *self)
{
  return g_get_monotonic_time ();
}

static GTimeZone *
cohort_clock_real_get_timezone (CohortClock *self)
{
  /* GLib resolves /etc/localtime again on each call, so a zone the user
   * picked since start-up is seen. */
  return g_time_zone_new_local ();
}

static guint
cohort_clock_real_add_timeout (CohortClock    *self,
                               guint           seconds,
                               GSourceFunc     function,
                               gpointer        data,
                               GDestroyNotify  notify)
{
  g_autoptr(GSource) source = g_timeout_source_new_seconds (seconds);

  g_source_set_priority (source, G_PRIORITY_LOW);
  g_source_set_callback (source, function, data, notify);
  g_source_set_static_name (source, "[cohort] clock timeout");
  return g_source_attach (source, g_main_context_get_thread_default ());
}

static void
cohort_clock_real_remove_timeout (CohortClock *self,
                                  guint        id)
{
  GSource *source;

  source = g_main_context_find_source_by_id (g_main_context_get_thread_default (), id);
  if (source != NULL)
    g_source_destroy (source);
}

static void
cohort_clock_dispose (GObject *object)
{
  CohortClock *self = COHORT_CLOCK (object);
  CohortClockPrivate *priv = cohort_clock_get_instance_private (self);

  if (priv->localtime_monitor != NULL)
    g_file_monitor_cancel (priv->localtime_monitor);
  g_clear_object (&priv->localtime_monitor);

  G_OBJECT_CLASS (cohort_clock_parent_class)->dispose (object);
}

static void
cohort_clock_class_init (CohortClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cohort_clock_dispose;

  klass->get_real_time = cohort_clock_real_get_real_time;
  klass->get_monotonic_time = cohort_clock_real_get_monotonic_time;
  klass->get_timezone = cohort_clock_real_get_timezone;
  klass->add_timeout = cohort_clock_real_add_timeout;
  klass->remove_timeout = cohort_clock_real_remove_timeout;

  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
cohort_clock_init (CohortClock *self)
{
}

static void
localtime_changed_cb (GFileMonitor      *monitor,
                      GFile             *file,
                      GFile             *other_file,
                      GFileMonitorEvent  event,
                      CohortClock       *self)
{
  if (event != G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
cohort_clock_watch_localtime (CohortClock *self)
{
  CohortClockPrivate *priv = cohort_clock_get_instance_private (self);
  g_autoptr(GFile) file = g_file_new_for_path (LOCALTIME_PATH);
  g_autoptr(GError) error = NULL;

  /* Without the monitor a new zone is still seen at the next wake-up. */
  priv->localtime_monitor = g_file_monitor_file (file, G_FILE_MONITOR_NONE, NULL, &error);
  if (priv->localtime_monitor == NULL)
    {
      g_debug ("Not watching %s for time-zone changes: %s", LOCALTIME_PATH, error->message);
      return;
    }
  g_signal_connect_object (priv->localtime_monitor, "changed",
                           G_CALLBACK (localtime_changed_cb), self, G_CONNECT_DEFAULT);
}

CohortClock *
cohort_clock_get_default (void)
{
  static CohortClock *default_clock;

  if (default_clock == NULL)
    {
      default_clock = g_object_new (COHORT_TYPE_CLOCK, NULL);
      cohort_clock_watch_localtime (default_clock);
    }
  return default_clock;
}

gint64
cohort_clock_get_real_time (CohortClock *self)
{
  g_return_val_if_fail (COHORT_IS_CLOCK (self), 0);

  return COHORT_CLOCK_GET_CLASS (self)->get_real_time (self);
}

gint64
cohort_clock_get_monotonic_time (CohortClock *self)
{
  g_return_val_if_fail (COHORT_IS_CLOCK (self), 0);

  return COHORT_CLOCK_GET_CLASS (self)->get_monotonic_time (self);
}

GTimeZone *
cohort_clock_get_timezone (CohortClock *self)
{
  g_return_val_if_fail (COHORT_IS_CLOCK (self), NULL);

  return COHORT_CLOCK_GET_CLASS (self)->get_timezone (self);
}

guint
cohort_clock_add_timeout (CohortClock    *self,
                          guint           seconds,
                          GSourceFunc     function,
                          gpointer        data,
                          GDestroyNotify  notify)
{
  g_return_val_if_fail (COHORT_IS_CLOCK (self), 0);
  g_return_val_if_fail (function != NULL, 0);

  return COHORT_CLOCK_GET_CLASS (self)->add_timeout (self, seconds, function, data, notify);
}

void
cohort_clock_remove_timeout (CohortClock *self,
                             guint        id)
{
  g_return_if_fail (COHORT_IS_CLOCK (self));
  g_return_if_fail (id != 0);

  COHORT_CLOCK_GET_CLASS (self)->remove_timeout (self, id);
}

/* ---- the fake clock ---------------------------------------------------- */

typedef struct
{
  guint          id;
  guint          seconds;
  gint64         due;        /* monotonic µs */
  GSourceFunc    function;
  gpointer       data;
  GDestroyNotify notify;
} FakeTimeout;

struct _CohortFakeClock
{
  CohortClock  parent_instance;

  gint64       real_time;    /* µs */
  gint64       monotonic_time;
  GTimeZone   *tz;
  GPtrArray   *timeouts;     /* FakeTimeout, armed */
  guint        last_id;
  guint        firing_id;    /* the timeout whose function runs now, 0 for none */
  gboolean     firing_removed;
  guint        n_wakeups;
};

G_DEFINE_FINAL_TYPE (CohortFakeClock, cohort_fake_clock, COHORT_TYPE_CLOCK)

static void
fake_timeout_free (FakeTimeout *timeout)
{
  if (timeout->notify != NULL)
    timeout->notify (timeout->data);
  g_free (timeout);
}

static gint64
cohort_fake_clock_get_real_time (CohortClock *clock)
{
  return COHORT_FAKE_CLOCK (clock)->real_time;
}

static gint64
cohort_fake_clock_get_monotonic_time (CohortClock *clock)
{
  return COHORT_FAKE_CLOCK (clock)->monotonic_time;
}

static GTimeZone *
cohort_fake_clock_get_timezone (CohortClock *clock)
{
  return g_time_zone_ref (COHORT_FAKE_CLOCK (clock)->tz);
}

static guint
cohort_fake_clock_add_timeout (CohortClock    *clock,
                               guint           seconds,
                               GSourceFunc     function,
                               gpointer        data,
                               GDestroyNotify  notify)
{
  CohortFakeClock *self = COHORT_FAKE_CLOCK (clock);
  FakeTimeout *timeout = g_new0 (FakeTimeout, 1);

  timeout->id = ++self->last_id;
  timeout->seconds = seconds;
  timeout->due = self->monotonic_time + seconds * G_USEC_PER_SEC;
  timeout->function = function;
  timeout->data = data;
  timeout->notify = notify;
  g_ptr_array_add (self->timeouts, timeout);
  return timeout->id;
}

static void
cohort_fake_clock_remove_timeout (CohortClock *clock,
                                  guint        id)
{
  CohortFakeClock *self = COHORT_FAKE_CLOCK (clock);

  if (id == self->firing_id)
    {
      self->firing_removed = TRUE;
      return;
    }
  for (guint i = 0; i < self->timeouts->len; i++)
    {
      FakeTimeout *timeout = g_ptr_array_index (self->timeouts, i);

      if (timeout->id == id)
        {
          g_ptr_array_remove_index (self->timeouts, i);
          return;
        }
    }
}

static void
cohort_fake_clock_finalize (GObject *object)
{
  CohortFakeClock *self = COHORT_FAKE_CLOCK (object);

  g_clear_pointer (&self->timeouts, g_ptr_array_unref);
  g_clear_pointer (&self->tz, g_time_zone_unref);

  G_OBJECT_CLASS (cohort_fake_clock_parent_class)->finalize (object);
}

static void
cohort_fake_clock_class_init (CohortFakeClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  CohortClockClass *clock_class = COHORT_CLOCK_CLASS (klass);

  object_class->finalize = cohort_fake_clock_finalize;

  clock_class->get_real_time = cohort_fake_clock_get_real_time;
  clock_class->get_monotonic_time = cohort_fake_clock_get_monotonic_time;
  clock_class->get_timezone = cohort_fake_clock_get_timezone;
  clock_class->add_timeout = cohort_fake_clock_add_timeout;
  clock_class->remove_timeout = cohort_fake_clock_remove_timeout;
}

static void
cohort_fake_clock_init (CohortFakeClock *self)
{
  self->timeouts = g_ptr_array_new_with_free_func ((GDestroyNotify) fake_timeout_free);
  /* Any positive start will do; 0 would look like "never" to callers. */
  self->monotonic_time = G_USEC_PER_SEC;
}

static GTimeZone *
timezone_for_identifier (const char *tz_identifier)
{
  GTimeZone *tz;

  if (tz_identifier == NULL)
    return g_time_zone_new_utc ();
  tz = g_time_zone_new_identifier (tz_identifier);
  if (tz == NULL)
    {
      g_critical ("Unknown time zone “%s”: is tzdata installed?", tz_identifier);
      return g_time_zone_new_utc ();
    }
  return tz;
}

CohortClock *
cohort_fake_clock_new (gint64      start_unix,
                       const char *tz_identifier)
{
  CohortFakeClock *self = g_object_new (COHORT_TYPE_FAKE_CLOCK, NULL);

  self->real_time = start_unix * G_USEC_PER_SEC;
  self->tz = timezone_for_identifier (tz_identifier);
  return COHORT_CLOCK (self);
}

static FakeTimeout *
steal_first_due (CohortFakeClock *self,
                 gint64           until)
{
  guint first = G_MAXUINT;

  for (guint i = 0; i < self->timeouts->len; i++)
    {
      FakeTimeout *timeout = g_ptr_array_index (self->timeouts, i);

      if (timeout->due > until)
        continue;
      if (first == G_MAXUINT
          || timeout->due < ((FakeTimeout *) g_ptr_array_index (self->timeouts, first))->due)
        first = i;
    }
  if (first == G_MAXUINT)
    return NULL;
  return g_ptr_array_steal_index (self->timeouts, first);
}

void
cohort_fake_clock_advance (CohortFakeClock *self,
                           gint64           seconds)
{
  gint64 until;
  FakeTimeout *timeout;

  g_return_if_fail (COHORT_IS_FAKE_CLOCK (self));
  g_return_if_fail (seconds >= 0);

  until = self->monotonic_time + seconds * G_USEC_PER_SEC;
  while ((timeout = steal_first_due (self, until)) != NULL)
    {
      gboolean again;

      self->real_time += timeout->due - self->monotonic_time;
      self->monotonic_time = timeout->due;
      self->n_wakeups++;

      /* The function may arm or remove timeouts, its own included. */
      self->firing_id = timeout->id;
      self->firing_removed = FALSE;
      again = timeout->function (timeout->data) == G_SOURCE_CONTINUE;
      self->firing_id = 0;

      if (again && !self->firing_removed)
        {
          timeout->due += MAX (timeout->seconds, 1) * G_USEC_PER_SEC;
          g_ptr_array_add (self->timeouts, timeout);
        }
      else
        fake_timeout_free (timeout);
    }
  self->real_time += until - self->monotonic_time;
  self->monotonic_time = until;
}

void
cohort_fake_clock_jump (CohortFakeClock *self,
                        gint64           seconds)
{
  g_return_if_fail (COHORT_IS_FAKE_CLOCK (self));

  self->real_time += seconds * G_USEC_PER_SEC;
}

/* Seen from a program, a sleep is a forward jump of the wall clock: both
 * leave CLOCK_MONOTONIC alone. */
void
cohort_fake_clock_suspend (CohortFakeClock *self,
                           gint64           seconds)
{
  g_return_if_fail (seconds >= 0);

  cohort_fake_clock_jump (self, seconds);
}

void
cohort_fake_clock_set_timezone (CohortFakeClock *self,
                                const char      *tz_identifier)
{
  g_return_if_fail (COHORT_IS_FAKE_CLOCK (self));

  g_clear_pointer (&self->tz, g_time_zone_unref);
  self->tz = timezone_for_identifier (tz_identifier);
  g_signal_emit (self, signals[CHANGED], 0);
}

guint
cohort_fake_clock_get_n_wakeups (CohortFakeClock *self)
{
  g_return_val_if_fail (COHORT_IS_FAKE_CLOCK (self), 0);

  return self->n_wakeups;
}

guint
cohort_fake_clock_get_n_timeouts (CohortFakeClock *self)
{
  g_return_val_if_fail (COHORT_IS_FAKE_CLOCK (self), 0);

  return self->timeouts->len;
}
