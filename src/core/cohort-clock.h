/* cohort-clock.h — wall time, monotonic time, the local zone and wake-ups
 *
 * The scheduler reads time only through a CohortClock so that tests can move
 * time. The default clock is the machine's: g_get_real_time(),
 * g_get_monotonic_time(), the local zone and GLib timeout sources.
 * CohortFakeClock is a clock tests drive by hand, through days, suspends,
 * clock changes and time-zone changes, without waiting.
 *
 * Timeouts count monotonic time, as GLib's do: on Linux that clock stops
 * while the machine sleeps and does not follow changes of the wall clock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define COHORT_TYPE_CLOCK (cohort_clock_get_type ())
G_DECLARE_DERIVABLE_TYPE (CohortClock, cohort_clock, COHORT, CLOCK, GObject)

struct _CohortClockClass
{
  GObjectClass parent_class;

  gint64     (*get_real_time)      (CohortClock    *self);
  gint64     (*get_monotonic_time) (CohortClock    *self);
  GTimeZone *(*get_timezone)       (CohortClock    *self);
  guint      (*add_timeout)        (CohortClock    *self,
                                    guint           seconds,
                                    GSourceFunc     function,
                                    gpointer        data,
                                    GDestroyNotify  notify);
  void       (*remove_timeout)     (CohortClock    *self,
                                    guint           id);

  gpointer padding[8];
};

/* The machine's clock, shared; first called from the main thread, whose
 * main context hears of a new local time zone through "changed". Not a new
 * reference. */
CohortClock *cohort_clock_get_default        (void);

/* Unix time in microseconds. */
gint64       cohort_clock_get_real_time      (CohortClock    *self);
/* Microseconds since an arbitrary point; only differences mean anything. */
gint64       cohort_clock_get_monotonic_time (CohortClock    *self);
/* The current local zone, read again on every call. */
GTimeZone   *cohort_clock_get_timezone       (CohortClock    *self);

/* Calls @function after @seconds of monotonic time, at low priority, on the
 * thread-default main context; again every @seconds for as long as it
 * returns G_SOURCE_CONTINUE. Wake-ups of whole seconds are coalesced with
 * other programs' to save power. Returns an id for
 * cohort_clock_remove_timeout(), never 0. */
guint        cohort_clock_add_timeout        (CohortClock    *self,
                                              guint           seconds,
                                              GSourceFunc     function,
                                              gpointer        data,
                                              GDestroyNotify  notify);
void         cohort_clock_remove_timeout     (CohortClock    *self,
                                              guint           id);

/* signal: "changed" (void) — the wall clock or the local zone changed in a
 * way that timeouts do not notice. */

#define COHORT_TYPE_FAKE_CLOCK (cohort_fake_clock_get_type ())
G_DECLARE_FINAL_TYPE (CohortFakeClock, cohort_fake_clock, COHORT, FAKE_CLOCK, CohortClock)

/* A clock standing still at @start_unix (seconds) in the zone
 * @tz_identifier ("Europe/Prague"; NULL for UTC) until it is moved. */
CohortClock *cohort_fake_clock_new           (gint64           start_unix,
                                              const char      *tz_identifier);
/* Lets @seconds pass, calling every timeout that falls due on the way in
 * order, each with the clock showing its due time. */
void         cohort_fake_clock_advance       (CohortFakeClock *self,
                                              gint64           seconds);
/* Sets the wall clock forward (or back, when negative) by @seconds, as a
 * user or NTP does: monotonic time and timeouts do not notice. */
void         cohort_fake_clock_jump          (CohortFakeClock *self,
                                              gint64           seconds);
/* Sleeps for @seconds, as a suspended laptop does on Linux: the wall clock
 * moves on, monotonic time stands still, no timeout fires and no signal
 * tells anybody. */
void         cohort_fake_clock_suspend       (CohortFakeClock *self,
                                              gint64           seconds);
/* Moves the machine to another zone and emits "changed". */
void         cohort_fake_clock_set_timezone  (CohortFakeClock *self,
                                              const char      *tz_identifier);
/* How many times a timeout has fired: the wake-ups a real clock would
 * have had. */
guint        cohort_fake_clock_get_n_wakeups (CohortFakeClock *self);
/* How many timeouts are armed now. */
guint        cohort_fake_clock_get_n_timeouts (CohortFakeClock *self);

G_END_DECLS
