/* cohort-membership-change.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cohort-job.h"
#include "cohort-membership-change.h"
#include "cohort-utils.h"

void
cohort_membership_change_free (CohortMembershipChange *change)
{
  if (change == NULL)
    return;

  g_clear_pointer (&change->ids, g_array_unref);
  g_free (change->group_name);
  g_free (change->account_name);
  g_free (change);
}

CohortMembershipChange *
cohort_membership_change_new (CohortGroup *group,
                              gboolean     add)
{
  CohortMembershipChange *change = g_new0 (CohortMembershipChange, 1);

  change->group_id = cohort_group_get_id (group);
  change->group_name = g_strdup (cohort_group_get_name (group));
  change->add = add;

  return change;
}

static gboolean
change_members_job (CohortJob     *job,
                    CohortStore   *store,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  CohortMembershipChange *change = data;

  if (change->account_id > 0)
    return change->add
           ? cohort_store_add_group_account (store, change->group_id, change->account_id, error)
           : cohort_store_remove_group_account (store, change->group_id, change->account_id, error);

  if (change->all)
    {
      g_autoptr(CohortRemovalPlan) plan = cohort_store_plan_removal (store, change->group_id, NULL, 0, error);

      if (plan == NULL)
        return FALSE;
      /* Only those who leave are taken out, and put back by Undo. */
      g_clear_pointer (&change->ids, g_array_unref);
      change->ids = g_array_ref (plan->leaving);
      change->n_staying = plan->staying->len;
    }

  if (change->add)
    {
      change->n_done = change->ids->len;
      return cohort_store_add_members (store, change->group_id,
                                       (const gint64 *) change->ids->data, change->ids->len, error);
    }
  if (!cohort_store_remove_members_counted (store, change->group_id,
                                            (const gint64 *) change->ids->data, change->ids->len,
                                            &change->n_done, error))
    return FALSE;
  /* Whoever was asked to leave and did not is a member through an account
   * (now only through it). */
  change->n_staying += change->ids->len - change->n_done;
  return TRUE;
}

/* The same change, or with @invert the one that undoes it. */
static CohortMembershipChange *
change_copy (CohortMembershipChange *change,
             gboolean                invert)
{
  CohortMembershipChange *copy = g_new0 (CohortMembershipChange, 1);

  copy->group_id = change->group_id;
  copy->group_name = g_strdup (change->group_name);
  copy->ids = change->ids != NULL ? g_array_ref (change->ids) : NULL;
  copy->account_id = change->account_id;
  copy->account_name = g_strdup (change->account_name);
  copy->add = invert ? !change->add : change->add;

  return copy;
}

/* Where a change was asked for: the toast goes over its window. */
typedef struct
{
  GtkWidget              *widget;   /* weak */
  CohortStore            *store;
  CohortMembershipChange *change;   /* for Undo: the change done */
} Origin;

static Origin *
origin_new (GtkWidget   *widget,
            CohortStore *store)
{
  Origin *origin = g_new0 (Origin, 1);

  g_set_weak_pointer (&origin->widget, widget);
  origin->store = g_object_ref (store);

  return origin;
}

static void
origin_free (gpointer data)
{
  Origin *origin = data;

  g_clear_weak_pointer (&origin->widget);
  g_clear_object (&origin->store);
  g_clear_pointer (&origin->change, cohort_membership_change_free);
  g_free (origin);
}

static void
undo_cb (gpointer data)
{
  Origin *origin = data;

  if (origin->widget != NULL)
    cohort_membership_change_run (change_copy (origin->change, TRUE), origin->widget, origin->store);
}

/* What the change did, as the store reported it. */
static char *
describe_change (CohortMembershipChange *change)
{
  g_autofree char *group = cohort_quote (change->group_name);
  g_autofree char *count = cohort_format_count (change->n_done);
  g_autofree char *staying = cohort_format_count (change->n_staying);
  g_autofree char *done = NULL;

  if (change->account_id > 0)
    return change->add
           /* Translators: "Added the contacts of Acme to “VIP”" */
           ? g_strdup_printf (_("Added the contacts of %s to %s"), change->account_name, group)
           : g_strdup_printf (_("Removed the account %s from %s"), change->account_name, group);

  if (change->add)
    return g_strdup_printf (g_dngettext (NULL, "Added %s contact to %s", "Added %s contacts to %s",
                                         (gulong) change->n_done),
                            count, group);

  if (change->n_done == 0 && change->n_staying > 0)
    /* Translators: "No contact removed from “VIP”: 3 are members through an account" */
    return g_strdup_printf (g_dngettext (NULL, "No contact removed from %s: %s is a member through an account",
                                         "No contact removed from %s: %s are members through an account",
                                         change->n_staying),
                            group, staying);

  done = g_strdup_printf (g_dngettext (NULL, "Removed %s contact from %s", "Removed %s contacts from %s",
                                       (gulong) change->n_done),
                          count, group);
  if (change->n_staying == 0)
    return g_steal_pointer (&done);

  /* Translators: "Removed 3 contacts from “VIP”; 2 members through an account stay" */
  return g_strdup_printf (g_dngettext (NULL, "%s; %s member through an account stays",
                                       "%s; %s members through an account stay", change->n_staying),
                          done, staying);
}

static void
change_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  CohortJob *job = COHORT_JOB (object);
  Origin *origin = user_data;
  CohortMembershipChange *change = cohort_job_get_data (job);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (origin->widget == NULL)
    {
      cohort_job_run_finish (job, result, NULL);
      origin_free (origin);
      return;
    }

  cohort_widget_check_store (origin->widget);

  if (!cohort_job_run_finish (job, result, &error))
    {
      cohort_widget_show_error (origin->widget, _("Could Not Change the Members"), error);
      origin_free (origin);
      return;
    }

  title = describe_change (change);
  if (change->offer_undo)
    {
      GtkWidget *widget = origin->widget;

      origin->change = change_copy (change, FALSE);
      toast = cohort_toast_new_with_undo (title, G_CALLBACK (undo_cb), origin, origin_free);
      cohort_widget_add_toast (widget, toast);
      return;
    }

  toast = adw_toast_new (title);
  cohort_widget_add_toast (origin->widget, toast);
  origin_free (origin);
}

void
cohort_membership_change_run (CohortMembershipChange *change,
                              GtkWidget              *widget,
                              CohortStore            *store)
{
  g_autoptr(CohortJob) job = NULL;

  g_return_if_fail (change != NULL);
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (COHORT_IS_STORE (store));

  job = cohort_job_new (change_members_job, change, (GDestroyNotify) cohort_membership_change_free);
  cohort_job_run_async (job, store, NULL, change_done_cb, origin_new (widget, store));
}
