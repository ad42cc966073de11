/* cohort-job.h — store work on a worker thread
 *
 * A CohortStore is one connection and not thread-safe, so a job opens a
 * sibling connection on the main thread and hands it to a worker thread,
 * which owns it until the job is done. The job's data carries its input and
 * output; the worker may report progress, which reaches the main thread as
 * notifications of CohortJob:fraction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cohort-store.h"

G_BEGIN_DECLS

#define COHORT_TYPE_JOB (cohort_job_get_type ())
G_DECLARE_FINAL_TYPE (CohortJob, cohort_job, COHORT, JOB, GObject)

/* Runs on the worker thread with the job's own connection. */
typedef gboolean (*CohortJobFunc) (CohortJob     *job,
                                   CohortStore   *store,
                                   gpointer       data,
                                   GCancellable  *cancellable,
                                   GError       **error);

CohortJob *cohort_job_new          (CohortJobFunc        func,
                                    gpointer             data,
                                    GDestroyNotify       data_free);
gpointer   cohort_job_get_data     (CohortJob           *self);
double     cohort_job_get_fraction (CohortJob           *self);

/* Thread-safe; matches CohortProgressFunc with the job as user data. */
void       cohort_job_progress     (double               fraction,
                                    gpointer             job);

void       cohort_job_run_async    (CohortJob           *self,
                                    CohortStore         *store,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
gboolean   cohort_job_run_finish   (CohortJob           *self,
                                    GAsyncResult        *result,
                                    GError             **error);

G_END_DECLS
