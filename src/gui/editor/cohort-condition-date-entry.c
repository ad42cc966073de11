/* cohort-condition-date-entry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "cohort-condition-date-entry.h"
#include "cohort-editor-template.h"
#include "cohort-text.h"

struct _CohortConditionDateEntry
{
  GtkWidget      parent_instance;

  char          *title;

  GtkEntry      *entry;
  GtkMenuButton *calendar_button;
  GtkCalendar   *calendar;
};

G_DEFINE_FINAL_TYPE (CohortConditionDateEntry, cohort_condition_date_entry, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_TITLE, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
entry_changed_cb (GtkEditable              *editable,
                  CohortConditionDateEntry *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

/* The calendar opens on the date typed, read in the local zone as the
 * compiler reads a date without an offset. */
static void
popover_show_cb (GtkPopover               *popover,
                 CohortConditionDateEntry *self)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) date = NULL;
  gint64 unix_time;

  if (cohort_datetime_parse (gtk_editable_get_text (GTK_EDITABLE (self->entry)), local, &unix_time, NULL))
    date = g_date_time_new_from_unix_local (unix_time);
  else
    date = g_date_time_new_now_local ();
  g_signal_handlers_block_matched (self->calendar, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_calendar_select_day (self->calendar, date);
  g_signal_handlers_unblock_matched (self->calendar, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
}

static void
day_selected_cb (GtkCalendar              *calendar,
                 CohortConditionDateEntry *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");

  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  gtk_menu_button_popdown (self->calendar_button);
}

static void
cohort_condition_date_entry_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), COHORT_TYPE_CONDITION_DATE_ENTRY);
  /* Children of the template that no pointer is bound to. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cohort_condition_date_entry_parent_class)->dispose (object);
}

static void
cohort_condition_date_entry_finalize (GObject *object)
{
  CohortConditionDateEntry *self = COHORT_CONDITION_DATE_ENTRY (object);

  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (cohort_condition_date_entry_parent_class)->finalize (object);
}

static void
cohort_condition_date_entry_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  CohortConditionDateEntry *self = COHORT_CONDITION_DATE_ENTRY (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cohort_condition_date_entry_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  CohortConditionDateEntry *self = COHORT_CONDITION_DATE_ENTRY (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      if (g_strcmp0 (self->title, g_value_get_string (value)) != 0)
        {
          g_free (self->title);
          self->title = g_value_dup_string (value);
          gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          self->title, -1);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cohort_condition_date_entry_class_init (CohortConditionDateEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cohort_condition_date_entry_dispose;
  object_class->finalize = cohort_condition_date_entry_finalize;
  object_class->get_property = cohort_condition_date_entry_get_property;
  object_class->set_property = cohort_condition_date_entry_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  cohort_editor_class_set_template (widget_class, "cohort-condition-date-entry.ui");
  gtk_widget_class_bind_template_child (widget_class, CohortConditionDateEntry, entry);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionDateEntry, calendar_button);
  gtk_widget_class_bind_template_child (widget_class, CohortConditionDateEntry, calendar);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, day_selected_cb);
}

static void
cohort_condition_date_entry_init (CohortConditionDateEntry *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
cohort_condition_date_entry_set_text (CohortConditionDateEntry *self,
                                      const char               *text)
{
  g_return_if_fail (COHORT_IS_CONDITION_DATE_ENTRY (self));

  g_signal_handlers_block_by_func (self->entry, entry_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text != NULL ? text : "");
  g_signal_handlers_unblock_by_func (self->entry, entry_changed_cb, self);
}

const char *
cohort_condition_date_entry_get_text (CohortConditionDateEntry *self)
{
  g_return_val_if_fail (COHORT_IS_CONDITION_DATE_ENTRY (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->entry));
}
