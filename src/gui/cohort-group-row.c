/* cohort-group-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cohort-color-dot.h"
#include "cohort-group-row.h"
#include "cohort-scheduler.h"
#include "cohort-utils.h"

struct _CohortGroupRow
{
  GtkListBoxRow   parent_instance;

  CohortGroup    *group;

  CohortColorDot *dot;
  GtkLabel       *name_label;
  GtkLabel       *kind_badge;
  GtkLabel       *count_label;
  GtkLabel       *trend_label;
  GtkImage       *recalc_icon;
  GtkImage       *schedule_icon;
};

G_DEFINE_FINAL_TYPE (CohortGroupRow, cohort_group_row, GTK_TYPE_LIST_BOX_ROW)

static void
cohort_group_row_dispose (GObject *object)
{
  CohortGroupRow *self = COHORT_GROUP_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), COHORT_TYPE_GROUP_ROW);
  g_clear_object (&self->group);

  G_OBJECT_CLASS (cohort_group_row_parent_class)->dispose (object);
}

static void
cohort_group_row_class_init (CohortGroupRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cohort_group_row_dispose;

  g_type_ensure (COHORT_TYPE_COLOR_DOT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cohortapp/Cohort/ui/cohort-group-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CohortGroupRow, dot);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupRow, kind_badge);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupRow, count_label);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupRow, trend_label);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupRow, recalc_icon);
  gtk_widget_class_bind_template_child (widget_class, CohortGroupRow, schedule_icon);
}

static void
cohort_group_row_init (CohortGroupRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cohort_group_row_new (CohortGroup *group)
{
  CohortGroupRow *self;

  g_return_val_if_fail (COHORT_IS_GROUP (group), NULL);

  self = g_object_new (COHORT_TYPE_GROUP_ROW, NULL);
  cohort_group_row_set_group (self, group);

  return GTK_WIDGET (self);
}

CohortGroup *
cohort_group_row_get_group (CohortGroupRow *self)
{
  g_return_val_if_fail (COHORT_IS_GROUP_ROW (self), NULL);
  return self->group;
}

void
cohort_group_row_set_group (CohortGroupRow *self,
                            CohortGroup    *group)
{
  g_autofree char *count = NULL;
  g_autofree char *tooltip = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  gint64 next_run;

  g_return_if_fail (COHORT_IS_GROUP_ROW (self));
  g_return_if_fail (COHORT_IS_GROUP (group));

  g_set_object (&self->group, group);

  cohort_color_dot_set_color (self->dot, cohort_group_get_color (group));
  gtk_label_set_label (self->name_label, cohort_group_get_name (group));
  cohort_badge_set_kind (self->kind_badge, cohort_group_get_kind (group));
  count = cohort_format_contacts (cohort_group_get_member_count (group));
  gtk_label_set_label (self->count_label, count);

  gtk_widget_set_visible (GTK_WIDGET (self->recalc_icon),
                          cohort_group_get_kind (group) == COHORT_GROUP_DYNAMIC
                          && cohort_group_get_needs_recalculation (group));

  next_run = cohort_schedule_next_slot (group, g_get_real_time () / G_USEC_PER_SEC, tz);
  gtk_widget_set_visible (GTK_WIDGET (self->schedule_icon), next_run > 0);
  if (next_run > 0)
    {
      g_autofree char *when = cohort_format_datetime (next_run, NULL);

      /* Translators: %s is a date and time */
      tooltip = g_strdup_printf (_("Recalculated daily, next on %s"), when);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->schedule_icon), tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->schedule_icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
    }
}

void
cohort_group_row_set_trend (CohortGroupRow *self,
                            gint64          change)
{
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (COHORT_IS_GROUP_ROW (self));

  gtk_widget_set_visible (GTK_WIDGET (self->trend_label), change != 0);
  if (change == 0)
    return;
  count = cohort_format_count (ABS (change));
  text = change > 0
         /* Translators: members gained, "+12 in 30 days" */
         ? g_strdup_printf (_("+%s in 30 days"), count)
         /* Translators: members lost, "−3 in 30 days" (with a minus sign) */
         : g_strdup_printf (_("−%s in 30 days"), count);
  gtk_label_set_label (self->trend_label, text);
}
