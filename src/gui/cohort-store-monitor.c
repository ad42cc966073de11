/* cohort-store-monitor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cohort-store-monitor.h"

/* A burst of commits (an import, cohort-cli in a loop) becomes one
 * "changed" per this many milliseconds. */
#define SETTLE_MS 150

struct _CohortStoreMonitor
{
  GObject       parent_instance;

  CohortStore  *store;
  GFileMonitor *monitor;
  gint64        data_version;
  guint         check_id;
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CohortStoreMonitor, cohort_store_monitor, G_TYPE_OBJECT)

static gboolean
check_cb (gpointer user_data)
{
  CohortStoreMonitor *self = user_data;

  self->check_id = 0;
  cohort_store_monitor_check (self);

  return G_SOURCE_REMOVE;
}

static void
wal_changed_cb (GFileMonitor      *monitor,
                GFile             *file,
                GFile             *other_file,
                GFileMonitorEvent  event,
                gpointer           user_data)
{
  CohortStoreMonitor *self = user_data;

  if (self->check_id == 0)
    self->check_id = g_timeout_add (SETTLE_MS, check_cb, self);
}

static void
cohort_store_monitor_dispose (GObject *object)
{
  CohortStoreMonitor *self = COHORT_STORE_MONITOR (object);

  g_clear_handle_id (&self->check_id, g_source_remove);
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cohort_store_monitor_parent_class)->dispose (object);
}

static void
cohort_store_monitor_class_init (CohortStoreMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cohort_store_monitor_dispose;

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cohort_store_monitor_init (CohortStoreMonitor *self)
{
}

CohortStoreMonitor *
cohort_store_monitor_new (CohortStore *store)
{
  CohortStoreMonitor *self;
  g_autofree char *wal_path = NULL;
  g_autoptr(GFile) wal = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (COHORT_IS_STORE (store), NULL);

  self = g_object_new (COHORT_TYPE_STORE_MONITOR, NULL);
  self->store = g_object_ref (store);
  self->data_version = cohort_store_get_data_version (store);

  wal_path = g_strconcat (cohort_store_get_path (store), "-wal", NULL);
  wal = g_file_new_for_path (wal_path);
  self->monitor = g_file_monitor_file (wal, G_FILE_MONITOR_NONE, NULL, &error);
  if (self->monitor != NULL)
    g_signal_connect (self->monitor, "changed", G_CALLBACK (wal_changed_cb), self);
  else
    g_debug ("Changes by other programs will show after a restart: %s", error->message);

  return self;
}

void
cohort_store_monitor_check (CohortStoreMonitor *self)
{
  gint64 version;

  g_return_if_fail (COHORT_IS_STORE_MONITOR (self));

  version = cohort_store_get_data_version (self->store);
  if (version == self->data_version)
    return;

  self->data_version = version;
  g_signal_emit (self, signals[CHANGED], 0);
}
