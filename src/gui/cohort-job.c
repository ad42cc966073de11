/* cohort-job.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cohort-job.h"

struct _CohortJob
{
  GObject         parent_instance;

  CohortJobFunc   func;
  gpointer        data;
  GDestroyNotify  data_free;
  CohortStore    *sibling;

  GMainContext   *context;
  GMutex          mutex;
  double          fraction;        /* under mutex */
  gboolean        notify_pending;  /* under mutex */
};

enum {
  PROP_0,
  PROP_FRACTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CohortJob, cohort_job, G_TYPE_OBJECT)

static void
cohort_job_finalize (GObject *object)
{
  CohortJob *self = COHORT_JOB (object);

  if (self->data_free != NULL)
    g_clear_pointer (&self->data, self->data_free);
  g_clear_object (&self->sibling);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (cohort_job_parent_class)->finalize (object);
}

static void
cohort_job_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CohortJob *self = COHORT_JOB (object);

  switch (prop_id)
    {
    case PROP_FRACTION:
      g_value_set_double (value, cohort_job_get_fraction (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cohort_job_class_init (CohortJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cohort_job_finalize;
  object_class->get_property = cohort_job_get_property;

  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cohort_job_init (CohortJob *self)
{
  g_mutex_init (&self->mutex);
  self->context = g_main_context_ref_thread_default ();
}

CohortJob *
cohort_job_new (CohortJobFunc  func,
                gpointer       data,
                GDestroyNotify data_free)
{
  CohortJob *self;

  g_return_val_if_fail (func != NULL, NULL);

  self = g_object_new (COHORT_TYPE_JOB, NULL);
  self->func = func;
  self->data = data;
  self->data_free = data_free;

  return self;
}

gpointer
cohort_job_get_data (CohortJob *self)
{
  g_return_val_if_fail (COHORT_IS_JOB (self), NULL);
  return self->data;
}

double
cohort_job_get_fraction (CohortJob *self)
{
  double fraction;

  g_return_val_if_fail (COHORT_IS_JOB (self), 0.0);

  g_mutex_lock (&self->mutex);
  fraction = self->fraction;
  g_mutex_unlock (&self->mutex);

  return fraction;
}

static gboolean
notify_fraction_cb (gpointer user_data)
{
  CohortJob *self = user_data;

  g_mutex_lock (&self->mutex);
  self->notify_pending = FALSE;
  g_mutex_unlock (&self->mutex);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);

  return G_SOURCE_REMOVE;
}

void
cohort_job_progress (double   fraction,
                     gpointer job)
{
  CohortJob *self = job;
  gboolean schedule;

  g_return_if_fail (COHORT_IS_JOB (self));

  g_mutex_lock (&self->mutex);
  self->fraction = CLAMP (fraction, 0.0, 1.0);
  /* A worker may report thousands of times a second; the main thread
   * hears about it once per turn of its loop. */
  schedule = !self->notify_pending;
  self->notify_pending = TRUE;
  g_mutex_unlock (&self->mutex);

  /* An attached source: g_main_context_invoke() would run the callback
   * right here, on the worker, whenever it could acquire the context. */
  if (schedule)
    {
      GSource *source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT_IDLE);
      g_source_set_callback (source, notify_fraction_cb, g_object_ref (self), g_object_unref);
      g_source_attach (source, self->context);
      g_source_unref (source);
    }
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  CohortJob *self = source_object;
  GError *error = NULL;

  if (self->func (self, self->sibling, self->data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);

  /* The connection closes on the thread that used it. */
  g_clear_object (&self->sibling);
}

void
cohort_job_run_async (CohortJob           *self,
                      CohortStore         *store,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (COHORT_IS_JOB (self));
  g_return_if_fail (COHORT_IS_STORE (store));
  g_return_if_fail (self->sibling == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cohort_job_run_async);
  /* The result says what was done, even when cancelled late. */
  g_task_set_check_cancellable (task, FALSE);

  self->sibling = cohort_store_open_sibling (store, &error);
  if (self->sibling == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_run_in_thread (task, job_thread);
}

gboolean
cohort_job_run_finish (CohortJob     *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (COHORT_IS_JOB (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
