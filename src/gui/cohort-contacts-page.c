/* cohort-contacts-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cohort-contacts-page.h"
#include "cohort-member-table.h"
#include "cohort-utils.h"

struct _CohortContactsPage
{
  AdwBin             parent_instance;

  gboolean           folded;

  AdwWindowTitle    *window_title;
  CohortMemberTable *table;
};

enum {
  PROP_0,
  PROP_FOLDED,
  N_PROPS
};

enum {
  CONTACT_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CohortContactsPage, cohort_contacts_page, ADW_TYPE_BIN)

static void
contact_activated_cb (CohortContactsPage *self,
                      gint64              contact_id)
{
  g_signal_emit (self, signals[CONTACT_ACTIVATED], 0, contact_id);
}

static void
cohort_contacts_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), COHORT_TYPE_CONTACTS_PAGE);

  G_OBJECT_CLASS (cohort_contacts_page_parent_class)->dispose (object);
}

static void
cohort_contacts_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CohortContactsPage *self = COHORT_CONTACTS_PAGE (object);

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
cohort_contacts_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CohortContactsPage *self = COHORT_CONTACTS_PAGE (object);

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
cohort_contacts_page_class_init (CohortContactsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cohort_contacts_page_dispose;
  object_class->get_property = cohort_contacts_page_get_property;
  object_class->set_property = cohort_contacts_page_set_property;

  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CONTACT_ACTIVATED] =
    g_signal_new ("contact-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (COHORT_TYPE_MEMBER_TABLE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cohortapp/Cohort/ui/cohort-contacts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CohortContactsPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, CohortContactsPage, table);
  gtk_widget_class_bind_template_callback (widget_class, contact_activated_cb);
}

static void
cohort_contacts_page_init (CohortContactsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
cohort_contacts_page_set_store (CohortContactsPage *self,
                                CohortStore        *store)
{
  g_return_if_fail (COHORT_IS_CONTACTS_PAGE (self));
  g_return_if_fail (COHORT_IS_STORE (store));

  cohort_member_table_set_source (self->table, store, NULL);
}

void
cohort_contacts_page_set_count (CohortContactsPage *self,
                                gint64              n_contacts)
{
  g_autofree char *subtitle = NULL;

  g_return_if_fail (COHORT_IS_CONTACTS_PAGE (self));

  subtitle = cohort_format_contacts (n_contacts);
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

void
cohort_contacts_page_reload (CohortContactsPage *self)
{
  g_return_if_fail (COHORT_IS_CONTACTS_PAGE (self));

  cohort_member_table_reload (self->table);
}
