/* cohort-group-overview.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cohort-application.h"
#include "cohort-color-dot.h"
#include "cohort-error.h"
#include "cohort-group-history.h"
#include "cohort-group-overview.h"
#include "cohort-job.h"
#include "cohort-recalc.h"
#include "cohort-scheduler.h"
#include "cohort-utils.h"

struct _CohortGroupOverview
{
  AdwBin               parent_instance;

  GSettings           *settings;

  CohortStore         *store;
  CohortGroup         *group;
  CohortContactList   *members;
  GCancellable        *count_cancellable;

  /* The recalculation running, which may be of a group not shown now. */
  GCancellable        *recalc_cancellable;
  gint64               recalc_group_id;
  char                *recalc_group_name;
  double               recalc_fraction;

  AdwStatusPage       *empty_page;
  GtkWidget           *add_contacts_button;
  GtkWidget           *add_account_button;
  GtkWidget           *edit_conditions_button;
  AdwPreferencesGroup *members_group;
  CohortColorDot      *dot;
  GtkLabel            *name_label;
  GtkLabel            *kind_badge;
  GtkLabel            *description_label;
  GtkLabel            *count_value;
  GtkLabel            *active_value;
  GtkLabel            *inactive_value;
  GtkLabel            *unreachable_value;
  CohortGroupHistory  *history;
  AdwPreferencesGroup *condition_group;
  GtkLabel            *condition_label;
  AdwPreferencesGroup *recalc_group;
  AdwActionRow        *needs_row;
  AdwActionRow        *progress_row;
  GtkProgressBar      *progress_bar;
  AdwActionRow        *last_row;
  AdwActionRow        *schedule_row;
  GtkSwitch           *schedule_switch;
};

G_DEFINE_FINAL_TYPE (CohortGroupOverview, cohort_group_overview, ADW_TYPE_BIN)

static gboolean
is_dynamic (CohortGroupOverview *self)
{
  return self->group != NULL && cohort_group_get_kind (self->group) == COHORT_GROUP_DYNAMIC;
}

static gboolean
recalculating_shown_group (CohortGroupOverview *self)
{
  return self->recalc_cancellable != NULL && self->group != NULL
         && self->recalc_group_id == cohort_group_get_id (self->group);
}

static void
update_recalculation (CohortGroupOverview *self)
{
  gboolean running = recalculating_shown_group (self);

  gtk_widget_set_visible (GTK_WIDGET (self->needs_row),
                          is_dynamic (self) && !running
                          && cohort_group_get_needs_recalculation (self->group));
  gtk_widget_set_visible (GTK_WIDGET (self->progress_row), running);
  gtk_progress_bar_set_fraction (self->progress_bar, self->recalc_fraction);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "overview.recalculate",
                                 is_dynamic (self) && self->recalc_cancellable == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "overview.cancel-recalculation", running);
}

static void
set_count (GtkLabel *label,
           gint64    n)
{
  g_autofree char *text = cohort_format_count (n);

  gtk_label_set_label (label, text);
}

static void
counts_ready_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CohortGroupOverview) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 counts[4];

  if (!cohort_contact_list_count_statuses_finish (COHORT_CONTACT_LIST (object), result, counts, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not count the members by status: %s", error->message);
      return;
    }

  set_count (self->active_value, counts[COHORT_STATUS_ACTIVE]);
  set_count (self->inactive_value, counts[COHORT_STATUS_INACTIVE]);
  set_count (self->unreachable_value, counts[COHORT_STATUS_UNSUBSCRIBED] + counts[COHORT_STATUS_BOUNCED]);
}

/* A group without members says what to do rather than showing zeros. */
static void
update_empty (CohortGroupOverview *self)
{
  gboolean empty = cohort_group_get_member_count (self->group) == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->empty_page), empty);
  gtk_widget_set_visible (GTK_WIDGET (self->members_group), !empty);
  if (!empty)
    return;

  gtk_widget_set_visible (self->add_contacts_button, !is_dynamic (self));
  gtk_widget_set_visible (self->add_account_button, !is_dynamic (self));
  gtk_widget_set_visible (self->edit_conditions_button, is_dynamic (self));
  adw_status_page_set_description (self->empty_page,
                                   is_dynamic (self)
                                   ? _("No contact matches the conditions yet. Edit the conditions, or "
                                       "import contacts who match them.")
                                   : _("Add contacts one by one or every contact of an account, or import "
                                       "a CSV file into this group."));
}

static void
update_counts (CohortGroupOverview *self)
{
  g_cancellable_cancel (self->count_cancellable);
  g_clear_object (&self->count_cancellable);

  update_empty (self);

  set_count (self->count_value, cohort_group_get_member_count (self->group));
  if (self->members == NULL)
    return;

  self->count_cancellable = g_cancellable_new ();
  cohort_contact_list_count_statuses_async (self->members, self->count_cancellable,
                                            counts_ready_cb, g_object_ref (self));
}

static void
update_schedule (CohortGroupOverview *self)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  gint64 next = cohort_schedule_next_slot (self->group, g_get_real_time () / G_USEC_PER_SEC, tz);
  g_autofree char *subtitle = NULL;

  if (next > 0 && !g_settings_get_boolean (self->settings, "run-in-background"))
    {
      g_autofree char *when = cohort_format_datetime (next, NULL);

      /* Translators: %s is a date and time */
      subtitle = g_strdup_printf (_("Next run %s — only if Cohort is running then. "
                                    "Turn on “Run in the background” in Preferences "
                                    "so that it happens every night."), when);
    }
  else if (next > 0)
    {
      g_autofree char *when = cohort_format_datetime (next, NULL);

      /* Translators: %s is a date and time */
      subtitle = g_strdup_printf (_("Daily; next run %s"), when);
    }
  else
    subtitle = g_strdup (_("Once a day at a quiet time between 2:00 and 6:00"));

  adw_action_row_set_subtitle (self->schedule_row, subtitle);
  g_signal_handlers_block_matched (self->schedule_switch, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_switch_set_state (self->schedule_switch, cohort_group_get_scheduled (self->group));
  gtk_switch_set_active (self->schedule_switch, cohort_group_get_scheduled (self->group));
  g_signal_handlers_unblock_matched (self->schedule_switch, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
}

static void
run_in_background_changed_cb (CohortGroupOverview *self)
{
  if (self->group != NULL)
    update_schedule (self);
}

static void
update (CohortGroupOverview *self)
{
  const char *description = cohort_group_get_description (self->group);
  const char *json = cohort_group_get_condition_json (self->group);
  g_autofree char *last = NULL;

  cohort_color_dot_set_color (self->dot, cohort_group_get_color (self->group));
  gtk_label_set_label (self->name_label, cohort_group_get_name (self->group));
  cohort_badge_set_kind (self->kind_badge, cohort_group_get_kind (self->group));
  gtk_label_set_label (self->description_label, description != NULL ? description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->description_label),
                          description != NULL && *description != '\0');

  gtk_widget_set_visible (GTK_WIDGET (self->condition_group), is_dynamic (self));
  gtk_widget_set_visible (GTK_WIDGET (self->recalc_group), is_dynamic (self));
  if (is_dynamic (self) && json != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CohortCondition) condition = cohort_condition_parse (json, -1, &error);
      g_autofree char *sentence = condition != NULL ? cohort_condition_describe (condition) : NULL;

      gtk_label_set_label (self->condition_label, sentence != NULL ? sentence : error->message);
    }

  last = cohort_format_datetime (cohort_group_get_last_recalculated_at (self->group), _("Never"));
  adw_action_row_set_subtitle (self->last_row, last);

  update_schedule (self);
  update_recalculation (self);
  update_counts (self);
}

/* ---- recalculation ------------------------------------------------------- */

static void
recalc_progress_cb (double   fraction,
                    gpointer user_data)
{
  CohortGroupOverview *self = user_data;

  self->recalc_fraction = fraction;
  update_recalculation (self);
}

static void
recalc_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CohortGroupOverview) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = cohort_quote (self->recalc_group_name);
  g_autofree char *title = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *left = NULL;
  gint64 added = 0;
  gint64 removed = 0;

  g_clear_object (&self->recalc_cancellable);
  update_recalculation (self);
  cohort_widget_check_store (GTK_WIDGET (self));

  if (!cohort_store_recalculate_group_finish (COHORT_STORE (object), result, &added, &removed, &error))
    {
      if (g_error_matches (error, COHORT_ERROR, COHORT_ERROR_CANCELLED)
          || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        /* Translators: %s is a group name */
        title = g_strdup_printf (_("Recalculation of %s cancelled; its members did not change"), name);
      else
        {
          cohort_widget_show_error (GTK_WIDGET (self), _("Could Not Recalculate the Group"), error);
          return;
        }
    }
  else
    {
      joined = cohort_format_count (added);
      left = cohort_format_count (removed);
      /* Translators: "Recalculated “VIP”: 12 joined, 3 left" */
      title = g_strdup_printf (_("Recalculated %s: %s joined, %s left"), name, joined, left);
    }

  cohort_widget_add_toast (GTK_WIDGET (self), adw_toast_new (title));
}

gboolean
cohort_group_overview_recalculate (CohortGroupOverview *self)
{
  g_return_val_if_fail (COHORT_IS_GROUP_OVERVIEW (self), FALSE);

  if (!is_dynamic (self) || self->recalc_cancellable != NULL)
    return FALSE;

  self->recalc_cancellable = g_cancellable_new ();
  self->recalc_group_id = cohort_group_get_id (self->group);
  g_free (self->recalc_group_name);
  self->recalc_group_name = g_strdup (cohort_group_get_name (self->group));
  self->recalc_fraction = 0.0;
  update_recalculation (self);

  cohort_store_recalculate_group_async (self->store, self->recalc_group_id, self->recalc_cancellable,
                                        recalc_progress_cb, g_object_ref (self), g_object_unref,
                                        recalc_done_cb, g_object_ref (self));
  return TRUE;
}

static void
recalculate_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  cohort_group_overview_recalculate (COHORT_GROUP_OVERVIEW (widget));
}

static void
cancel_recalculation_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  CohortGroupOverview *self = COHORT_GROUP_OVERVIEW (widget);

  g_cancellable_cancel (self->recalc_cancellable);
}

/* ---- schedule ------------------------------------------------------------ */

typedef struct
{
  gint64   group_id;
  gboolean scheduled;
} ScheduleChange;

static gboolean
schedule_job (CohortJob     *job,
              CohortStore   *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  ScheduleChange *change = data;

  return cohort_store_set_group_schedule (store, change->group_id, change->scheduled, NULL, error);
}

static void
schedule_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CohortGroupOverview) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!cohort_job_run_finish (COHORT_JOB (object), result, &error))
    cohort_widget_show_error (GTK_WIDGET (self), _("Could Not Change the Schedule"), error);
  else if (gtk_switch_get_active (self->schedule_switch) &&
           COHORT_IS_APPLICATION (g_application_get_default ()))
    cohort_application_offer_background (COHORT_APPLICATION (g_application_get_default ()),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  cohort_widget_check_store (GTK_WIDGET (self));
}

static gboolean
schedule_state_set_cb (CohortGroupOverview *self,
                       gboolean             state)
{
  ScheduleChange *change;
  g_autoptr(CohortJob) job = NULL;

  if (self->group == NULL || state == cohort_group_get_scheduled (self->group))
    return FALSE;

  change = g_new0 (ScheduleChange, 1);
  change->group_id = cohort_group_get_id (self->group);
  change->scheduled = state;
  job = cohort_job_new (schedule_job, change, g_free);
  cohort_job_run_async (job, self->store, NULL, schedule_done_cb, g_object_ref (self));

  return FALSE;
}

/* ---- GObject ------------------------------------------------------------- */

static void
cohort_group_overview_dispose (GObject *object)
{
  CohortGroupOverview *self = COHORT_GROUP_OVERVIEW (object);

  g_cancellable_cancel (self->count_cancellable);
  g_clear_object (&self->count_cancellable);
  g_cancellable_cancel (self->recalc_cancellable);
  g_clear_object (&self->recalc_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), COHORT_TYPE_GROUP_OVERVIEW);
  g_clear_object (&self->members);
  g_clear_object (&self->group);
  g_clear_object (&self->store);
  g_clear_pointer (&self->recalc_group_name, g_free);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cohort_group_overview_parent_class)->dispose (object);
}

static void
cohort_group_overview_class_init (CohortGroupOverviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cohort_group_overview_dispose;

  g_type_ensure (COHORT_TYPE_COLOR_DOT);
  g_type_ensure (COHORT_TYPE_GROUP_HISTORY);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cohortapp/Cohort/ui/cohort-group-overview.ui");
  gtk_widget_class_bind_template_child (widget_class, CohortGroupOverview, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupOverview, add_contacts_button);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupOverview, add_account_button);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupOverview, edit_conditions_button);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupOverview, members_group);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupOverview, dot);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupOverview, name_label);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupOverview, kind_badge);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupOverview, description_label);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupOverview, count_value);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupOverview, active_value);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupOverview, inactive_value);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupOverview, unreachable_value);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupOverview, history);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupOverview, condition_group);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupOverview, condition_label);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupOverview, recalc_group);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupOverview, needs_row);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupOverview, progress_row);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupOverview, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupOverview, last_row);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupOverview, schedule_row);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupOverview, schedule_switch);
  gtk_widget_class_bind_template_callback (widget_class, schedule_state_set_cb);

  gtk_widget_class_install_action (widget_class, "overview.recalculate", NULL, recalculate_action);
  gtk_widget_class_install_action (widget_class, "overview.cancel-recalculation", NULL,
                                   cancel_recalculation_action);
}

static void
cohort_group_overview_init (CohortGroupOverview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new ("io.github.cohortapp.Cohort");
  g_signal_connect_object (self->settings, "changed::run-in-background",
                           G_CALLBACK (run_in_background_changed_cb), self, G_CONNECT_SWAPPED);
  update_recalculation (self);
}

void
cohort_group_overview_set_group (CohortGroupOverview *self,
                                 CohortStore         *store,
                                 CohortGroup         *group,
                                 CohortContactList   *members)
{
  g_return_if_fail (COHORT_IS_GROUP_OVERVIEW (self));
  g_return_if_fail (COHORT_IS_STORE (store));
  g_return_if_fail (COHORT_IS_GROUP (group));
  g_return_if_fail (members == NULL || COHORT_IS_CONTACT_LIST (members));

  g_set_object (&self->store, store);
  g_set_object (&self->group, group);
  g_set_object (&self->members, members);
  update (self);
  cohort_group_history_set_group (self->history, store, group);
}
