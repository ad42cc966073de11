/* cohort-sidebar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cohort-group-row.h"
#include "cohort-history.h"
#include "cohort-sidebar.h"
#include "cohort-text.h"
#include "cohort-utils.h"

struct _CohortSidebar
{
  AdwBin          parent_instance;

  gboolean        folded;
  gint64          selected_id;
  char           *search_fold;

  GtkListBox     *list_box;
  GtkListBoxRow  *all_contacts_row;
  GtkLabel       *all_count_label;
  GtkSearchBar   *search_bar;
  GtkSearchEntry *search_entry;
};

enum {
  PROP_0,
  PROP_FOLDED,
  N_PROPS
};

enum {
  GROUP_SELECTED,
  GROUP_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CohortSidebar, cohort_sidebar, ADW_TYPE_BIN)

static gint64
row_get_id (CohortSidebar *self,
            GtkListBoxRow *row)
{
  if (COHORT_IS_GROUP_ROW (row))
    return cohort_group_get_id (cohort_group_row_get_group (COHORT_GROUP_ROW (row)));
  return 0;
}

static gboolean
filter_func (GtkListBoxRow *row,
             gpointer       user_data)
{
  CohortSidebar *self = user_data;
  CohortGroup *group;
  g_autofree char *name = NULL;
  g_autofree char *code = NULL;

  if (!COHORT_IS_GROUP_ROW (row) || self->search_fold == NULL)
    return TRUE;

  group = cohort_group_row_get_group (COHORT_GROUP_ROW (row));
  name = cohort_text_fold (cohort_group_get_name (group));
  code = cohort_text_fold (cohort_group_get_code (group));

  return (name != NULL && strstr (name, self->search_fold) != NULL)
         || (code != NULL && strstr (code, self->search_fold) != NULL);
}

static void
header_func (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  GtkWidget *heading;

  if (!COHORT_IS_GROUP_ROW (row) || COHORT_IS_GROUP_ROW (before))
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  if (gtk_list_box_row_get_header (row) != NULL)
    return;

  heading = gtk_label_new (_("Groups"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "sidebar-heading");
  gtk_list_box_row_set_header (row, heading);
}

static void
search_changed_cb (CohortSidebar *self)
{
  g_free (self->search_fold);
  self->search_fold = cohort_text_fold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  gtk_list_box_invalidate_filter (self->list_box);
}

static void
stop_search_cb (CohortSidebar *self)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
row_selected_cb (CohortSidebar *self,
                 GtkListBoxRow *row)
{
  gint64 id;

  if (row == NULL)
    return;

  id = row_get_id (self, row);
  if (id == self->selected_id)
    return;

  self->selected_id = id;
  g_signal_emit (self, signals[GROUP_SELECTED], 0, id);
}

static void
row_activated_cb (CohortSidebar *self,
                  GtkListBoxRow *row)
{
  g_signal_emit (self, signals[GROUP_ACTIVATED], 0, row_get_id (self, row));
}

static void
cohort_sidebar_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), COHORT_TYPE_SIDEBAR);

  G_OBJECT_CLASS (cohort_sidebar_parent_class)->dispose (object);
}

static void
cohort_sidebar_finalize (GObject *object)
{
  CohortSidebar *self = COHORT_SIDEBAR (object);

  g_free (self->search_fold);

  G_OBJECT_CLASS (cohort_sidebar_parent_class)->finalize (object);
}

static void
cohort_sidebar_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CohortSidebar *self = COHORT_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cohort_sidebar_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CohortSidebar *self = COHORT_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      if (self->folded != g_value_get_boolean (value))
        {
          self->folded = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cohort_sidebar_class_init (CohortSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cohort_sidebar_dispose;
  object_class->finalize = cohort_sidebar_finalize;
  object_class->get_property = cohort_sidebar_get_property;
  object_class->set_property = cohort_sidebar_set_property;

  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[GROUP_SELECTED] =
    g_signal_new ("group-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[GROUP_ACTIVATED] =
    g_signal_new ("group-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cohortapp/Cohort/ui/cohort-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, CohortSidebar, list_box);
  gtk_widget_class_bind_template_child (widget_class, CohortSidebar, all_contacts_row);
  gtk_widget_class_bind_template_child (widget_class, CohortSidebar, all_count_label);
  gtk_widget_class_bind_template_child (widget_class, CohortSidebar, search_bar);
  gtk_widget_class_bind_template_child (widget_class, CohortSidebar, search_entry);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
cohort_sidebar_init (CohortSidebar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_box_set_filter_func (self->list_box, filter_func, self, NULL);
  gtk_list_box_set_header_func (self->list_box, header_func, NULL, NULL);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_list_box_select_row (self->list_box, self->all_contacts_row);
}

static GPtrArray *
list_group_rows (CohortSidebar *self)
{
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (COHORT_IS_GROUP_ROW (child))
      g_ptr_array_add (rows, child);

  return rows;
}

/* One query of the daily rows per group: a few milliseconds for tens of
 * groups, whatever their size. */
static void
update_trends (CohortSidebar *self,
               CohortStore   *store)
{
  g_autoptr(GPtrArray) rows = list_group_rows (self);

  for (guint i = 0; i < rows->len; i++)
    {
      CohortGroupRow *row = g_ptr_array_index (rows, i);
      CohortGroup *group = cohort_group_row_get_group (row);
      g_autoptr(GError) error = NULL;
      CohortGroupStats stats;

      if (!cohort_history_get_month_change (store, cohort_group_get_id (group), &stats, &error))
        {
          g_debug ("Could not read the history of “%s”: %s", cohort_group_get_code (group), error->message);
          cohort_group_row_set_trend (row, 0);
          continue;
        }
      cohort_group_row_set_trend (row, cohort_group_get_member_count (group) - stats.members_30_days_ago);
    }
}

void
cohort_sidebar_set_groups (CohortSidebar *self,
                           CohortStore   *store,
                           GPtrArray     *groups)
{
  g_autoptr(GPtrArray) rows = NULL;
  gboolean same_ids;

  g_return_if_fail (COHORT_IS_SIDEBAR (self));
  g_return_if_fail (groups != NULL);

  rows = list_group_rows (self);
  same_ids = rows->len == groups->len;
  for (guint i = 0; same_ids && i < rows->len; i++)
    same_ids = row_get_id (self, g_ptr_array_index (rows, i))
               == cohort_group_get_id (g_ptr_array_index (groups, i));

  if (same_ids)
    {
      for (guint i = 0; i < rows->len; i++)
        cohort_group_row_set_group (g_ptr_array_index (rows, i), g_ptr_array_index (groups, i));
      update_trends (self, store);
      gtk_list_box_invalidate_filter (self->list_box);
      return;
    }

  for (guint i = 0; i < rows->len; i++)
    gtk_list_box_remove (self->list_box, g_ptr_array_index (rows, i));
  for (guint i = 0; i < groups->len; i++)
    gtk_list_box_append (self->list_box, cohort_group_row_new (g_ptr_array_index (groups, i)));
  update_trends (self, store);

  cohort_sidebar_select (self, self->selected_id);
}

void
cohort_sidebar_set_contact_count (CohortSidebar *self,
                                  gint64         n_contacts)
{
  g_autofree char *text = NULL;

  g_return_if_fail (COHORT_IS_SIDEBAR (self));

  text = cohort_format_contacts (n_contacts);
  gtk_label_set_label (self->all_count_label, text);
}

void
cohort_sidebar_select (CohortSidebar *self,
                       gint64         group_id)
{
  g_autoptr(GPtrArray) rows = NULL;
  GtkListBoxRow *target = self->all_contacts_row;

  g_return_if_fail (COHORT_IS_SIDEBAR (self));

  rows = list_group_rows (self);
  for (guint i = 0; i < rows->len; i++)
    if (row_get_id (self, g_ptr_array_index (rows, i)) == group_id)
      target = g_ptr_array_index (rows, i);

  gtk_list_box_select_row (self->list_box, target);
  /* Selecting the row that is already selected emits nothing, but a group
   * that disappeared still has to hand over to All contacts. */
  row_selected_cb (self, target);
}

gint64
cohort_sidebar_get_selected (CohortSidebar *self)
{
  g_return_val_if_fail (COHORT_IS_SIDEBAR (self), 0);
  return self->selected_id;
}

void
cohort_sidebar_start_search (CohortSidebar *self)
{
  g_return_if_fail (COHORT_IS_SIDEBAR (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
