/* cohort-store-monitor.h — hears about changes other connections commit
 *
 * cohort-cli, the app's own worker threads and the scheduler all write
 * through connections of their own. Each commit touches the database's
 * -wal file; the monitor watches that file and, when it changes, compares
 * the main connection's data version, so a change is noticed within a
 * moment and an idle database costs nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cohort-store.h"

G_BEGIN_DECLS

#define COHORT_TYPE_STORE_MONITOR (cohort_store_monitor_get_type ())
G_DECLARE_FINAL_TYPE (CohortStoreMonitor, cohort_store_monitor, COHORT, STORE_MONITOR, GObject)

CohortStoreMonitor *cohort_store_monitor_new   (CohortStore        *store);
/* Compares the data version now: call it when a job of the app's own has
 * finished, to refresh without waiting for the file monitor. */
void                cohort_store_monitor_check (CohortStoreMonitor *self);

/* signal: "changed" (void) — another connection committed a change. */

G_END_DECLS
