/* cohort-group-history.c
 *
 * Both parts read on a worker (a group may have half a million events): the
 * daily rows of the last year once per change of the group, whichever range
 * is shown, and the changes a page at a time, newest first, from the last
 * one shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cohort-group-history.h"
#include "cohort-history-chart.h"
#include "cohort-history.h"
#include "cohort-job.h"
#include "cohort-utils.h"

#define PAGE_SIZE   20
#define DAY_SECONDS 86400

struct _CohortGroupHistory
{
  GtkBox              parent_instance;

  CohortStore        *store;
  gint64              group_id;
  GCancellable       *days_cancellable;
  GCancellable       *events_cancellable;
  GPtrArray          *days;
  gint64              cursor_at;
  gint64              cursor_id;

  GtkWidget          *controls;
  GtkToggleButton    *range_30;
  GtkToggleButton    *range_90;
  GtkToggleButton    *range_365;
  GtkToggleButton    *table_button;
  GtkStack           *stack;
  CohortHistoryChart *chart;
  GtkListBox         *table_list;
  GtkLabel           *summary_label;
  GtkDropDown        *reason_dropdown;
  GtkListBox         *changes_list;
  GtkWidget          *more_button;
};

G_DEFINE_FINAL_TYPE (CohortGroupHistory, cohort_group_history, GTK_TYPE_BOX)

/* ---- chart and table ----------------------------------------------------- */

static void
clear_list (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

static GtkWidget *
cell_new (const char *text,
          float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "numeric");
  return label;
}

/* One row per bar, newest first, read by a screen reader as one sentence. */
static GtkWidget *
table_row_new (CohortHistoryBar *bar,
               gboolean          by_week)
{
  g_autofree char *day = cohort_format_day (bar->first_day, TRUE);
  g_autofree char *when = NULL;
  g_autofree char *members = cohort_format_count (bar->members);
  g_autofree char *joined = cohort_format_count (bar->joined);
  g_autofree char *left = cohort_format_count (bar->left);
  g_autofree char *joined_cell = NULL;
  g_autofree char *left_cell = NULL;
  g_autofree char *sentence = NULL;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  /* Translators: %s is the first day of a week, "Week of 1 Dec 2026" */
  when = by_week ? g_strdup_printf (_("Week of %s"), day) : g_strdup (day);
  /* Translators: contacts who joined a group in a day or week, "+12" */
  joined_cell = bar->joined > 0 ? g_strdup_printf (_("+%s"), joined) : g_strdup (joined);
  /* Translators: contacts who left a group in a day or week, "−3" */
  left_cell = bar->left > 0 ? g_strdup_printf (_("−%s"), left) : g_strdup (left);
  /* Translators: a row of the history table, "1 Dec 2026: 1,877 members, 12 joined, 3 left" */
  sentence = g_strdup_printf (_("%s: %s members, %s joined, %s left"), when, members, joined, left);

  gtk_box_set_homogeneous (GTK_BOX (box), TRUE);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), cell_new (when, 0.0));
  gtk_box_append (GTK_BOX (box), cell_new (members, 1.0));
  gtk_box_append (GTK_BOX (box), cell_new (joined_cell, 1.0));
  gtk_box_append (GTK_BOX (box), cell_new (left_cell, 1.0));
  gtk_widget_add_css_class (gtk_widget_get_last_child (box), "dim-label");
  gtk_widget_add_css_class (gtk_widget_get_prev_sibling (gtk_widget_get_last_child (box)), "dim-label");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, sentence, -1);
  return row;
}

static guint
selected_range (CohortGroupHistory *self)
{
  if (gtk_toggle_button_get_active (self->range_365))
    return 365;
  if (gtk_toggle_button_get_active (self->range_90))
    return 90;
  return 30;
}

static void
update_table (CohortGroupHistory *self)
{
  GPtrArray *bars = cohort_history_chart_get_bars (self->chart);
  gboolean by_week = selected_range (self) >= 365;

  clear_list (self->table_list);
  if (!gtk_toggle_button_get_active (self->table_button))
    return;
  for (guint i = bars->len; i > 0; i--)
    gtk_list_box_append (self->table_list, table_row_new (g_ptr_array_index (bars, i - 1), by_week));
}

static void
update_chart (CohortGroupHistory *self)
{
  const char *summary;
  /* A group's first day has nothing to compare with. */
  gboolean empty = self->days == NULL || self->days->len <= 1;

  cohort_history_chart_set_days (self->chart, self->days);
  cohort_history_chart_set_range (self->chart, selected_range (self));
  summary = cohort_history_chart_get_summary (self->chart);

  gtk_widget_set_visible (self->controls, !empty);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), !empty && summary != NULL);
  gtk_label_set_label (self->summary_label, summary != NULL ? summary : "");
  gtk_stack_set_visible_child_name (self->stack,
                                    empty ? "empty"
                                    : gtk_toggle_button_get_active (self->table_button) ? "table" : "chart");
  update_table (self);
}

static void
range_toggled_cb (CohortGroupHistory *self,
                  GtkToggleButton    *button)
{
  if (gtk_toggle_button_get_active (button))
    update_chart (self);
}

static void
table_toggled_cb (CohortGroupHistory *self)
{
  update_chart (self);
}

typedef struct
{
  gint64     group_id;
  GPtrArray *days;
} DaysLoad;

static void
days_load_free (DaysLoad *load)
{
  g_clear_pointer (&load->days, g_ptr_array_unref);
  g_free (load);
}

static gboolean
days_job (CohortJob     *job,
          CohortStore   *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  DaysLoad *load = data;

  /* A year and the day before it, the start of the year's line. */
  load->days = cohort_history_list_days (store, load->group_id,
                                         cohort_store_get_now (store) - 365 * DAY_SECONDS, error);
  return load->days != NULL;
}

static void
days_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CohortGroupHistory) self = user_data;
  g_autoptr(GError) error = NULL;
  DaysLoad *load = cohort_job_get_data (COHORT_JOB (object));

  if (!cohort_job_run_finish (COHORT_JOB (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the history of a group: %s", error->message);
      return;
    }
  if (load->group_id != self->group_id)
    return;

  g_clear_pointer (&self->days, g_ptr_array_unref);
  self->days = g_steal_pointer (&load->days);
  update_chart (self);
}

/* ---- changes ------------------------------------------------------------- */

typedef struct
{
  gint64     group_id;
  int        reason;
  gint64     before_at;
  gint64     before_id;
  GPtrArray *events;
} EventsLoad;

static void
events_load_free (EventsLoad *load)
{
  g_clear_pointer (&load->events, g_ptr_array_unref);
  g_free (load);
}

static gboolean
events_job (CohortJob     *job,
            CohortStore   *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  EventsLoad *load = data;

  load->events = cohort_history_list_recent_events (store, load->group_id, 0, load->reason,
                                                    load->before_at, load->before_id, PAGE_SIZE, error);
  return load->events != NULL;
}

static GtkWidget *
change_row_new (CohortHistoryEvent *event)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (event->joined ? "list-add-symbolic" : "list-remove-symbolic");
  gboolean has_name = event->name != NULL && *event->name != '\0';
  const char *who = has_name ? event->name : event->email != NULL ? event->email : _("Deleted contact");
  const char *change = event->joined ? _("Joined") : _("Left");
  g_autofree char *when = cohort_format_datetime (event->at, NULL);
  g_autofree char *subtitle = NULL;
  g_autofree char *sentence = NULL;

  if (has_name && event->email != NULL)
    /* Translators: "ann@example.com · Joined · By hand · 1 Dec 2026, 14:05" */
    subtitle = g_strdup_printf (_("%s · %s · %s · %s"), event->email, change,
                                cohort_reason_get_label (event->reason), when);
  else
    /* Translators: "Joined · By hand · 1 Dec 2026, 14:05" */
    subtitle = g_strdup_printf (_("%s · %s · %s"), change, cohort_reason_get_label (event->reason), when);
  /* Translators: a change of a group read aloud, "Ann Lee: ann@example.com · Joined · By hand · 1 Dec 2026, 14:05" */
  sentence = g_strdup_printf (_("%s: %s"), who, subtitle);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), who);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, change, -1);
  gtk_widget_add_css_class (icon, event->joined ? "history-joined" : "history-left");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, sentence, -1);
  return row;
}

static void load_events (CohortGroupHistory *self);

static void
events_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CohortGroupHistory) self = user_data;
  g_autoptr(GError) error = NULL;
  EventsLoad *load = cohort_job_get_data (COHORT_JOB (object));
  CohortHistoryEvent *last;

  if (!cohort_job_run_finish (COHORT_JOB (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the changes of a group: %s", error->message);
      return;
    }
  if (load->group_id != self->group_id)
    return;

  if (load->before_id == 0)
    clear_list (self->changes_list);
  for (guint i = 0; i < load->events->len; i++)
    gtk_list_box_append (self->changes_list, change_row_new (g_ptr_array_index (load->events, i)));

  if (load->events->len > 0)
    {
      last = g_ptr_array_index (load->events, load->events->len - 1);
      self->cursor_at = last->at;
      self->cursor_id = last->id;
    }
  /* A full page may have been the last: then the next one is empty. */
  gtk_widget_set_visible (self->more_button, load->events->len == PAGE_SIZE);
  gtk_widget_set_sensitive (self->more_button, TRUE);
}

static void
load_events (CohortGroupHistory *self)
{
  EventsLoad *load;
  g_autoptr(CohortJob) job = NULL;
  guint selected = gtk_drop_down_get_selected (self->reason_dropdown);

  g_cancellable_cancel (self->events_cancellable);
  g_clear_object (&self->events_cancellable);
  if (self->store == NULL)
    return;

  load = g_new0 (EventsLoad, 1);
  load->group_id = self->group_id;
  /* The first item is every reason, the others CohortReason's order. */
  load->reason = selected == GTK_INVALID_LIST_POSITION || selected == 0 ? -1 : (int) selected - 1;
  load->before_at = self->cursor_at;
  load->before_id = self->cursor_id;
  job = cohort_job_new (events_job, load, (GDestroyNotify) events_load_free);
  self->events_cancellable = g_cancellable_new ();
  gtk_widget_set_sensitive (self->more_button, FALSE);
  cohort_job_run_async (job, self->store, self->events_cancellable, events_done_cb, g_object_ref (self));
}

static void
reload_events (CohortGroupHistory *self)
{
  self->cursor_at = 0;
  self->cursor_id = 0;
  load_events (self);
}

static void
reason_changed_cb (CohortGroupHistory *self)
{
  reload_events (self);
}

static void
more_clicked_cb (CohortGroupHistory *self)
{
  load_events (self);
}

/* ---- GObject ------------------------------------------------------------- */

static void
cohort_group_history_dispose (GObject *object)
{
  CohortGroupHistory *self = COHORT_GROUP_HISTORY (object);

  g_cancellable_cancel (self->days_cancellable);
  g_clear_object (&self->days_cancellable);
  g_cancellable_cancel (self->events_cancellable);
  g_clear_object (&self->events_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), COHORT_TYPE_GROUP_HISTORY);
  g_clear_pointer (&self->days, g_ptr_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cohort_group_history_parent_class)->dispose (object);
}

static void
cohort_group_history_class_init (CohortGroupHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cohort_group_history_dispose;

  g_type_ensure (COHORT_TYPE_HISTORY_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cohortapp/Cohort/ui/cohort-group-history.ui");
  gtk_widget_class_bind_template_child (widget_class, CohortGroupHistory, controls);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupHistory, range_30);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupHistory, range_90);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupHistory, range_365);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupHistory, table_button);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupHistory, stack);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupHistory, chart);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupHistory, table_list);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupHistory, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupHistory, reason_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupHistory, changes_list);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupHistory, more_button);
  gtk_widget_class_bind_template_callback (widget_class, range_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, table_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, reason_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, more_clicked_cb);
}

static void
cohort_group_history_init (CohortGroupHistory *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* GTK 4.8's drop-down is read out through its inner button, which has
   * no name of its own. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->reason_dropdown));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);

  update_chart (self);
}

void
cohort_group_history_set_group (CohortGroupHistory *self,
                                CohortStore        *store,
                                CohortGroup        *group)
{
  DaysLoad *load;
  g_autoptr(CohortJob) job = NULL;

  g_return_if_fail (COHORT_IS_GROUP_HISTORY (self));
  g_return_if_fail (COHORT_IS_STORE (store));
  g_return_if_fail (COHORT_IS_GROUP (group));

  if (self->group_id != cohort_group_get_id (group) || self->store != store)
    {
      g_clear_pointer (&self->days, g_ptr_array_unref);
      clear_list (self->changes_list);
      gtk_widget_set_visible (self->more_button, FALSE);
      update_chart (self);
    }
  g_set_object (&self->store, store);
  self->group_id = cohort_group_get_id (group);

  g_cancellable_cancel (self->days_cancellable);
  g_clear_object (&self->days_cancellable);
  load = g_new0 (DaysLoad, 1);
  load->group_id = self->group_id;
  job = cohort_job_new (days_job, load, (GDestroyNotify) days_load_free);
  self->days_cancellable = g_cancellable_new ();
  cohort_job_run_async (job, store, self->days_cancellable, days_done_cb, g_object_ref (self));

  reload_events (self);
}
