/* cohort-account.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "cohort-account.h"
#include "cohort-error.h"
#include "cohort-text.h"

struct _CohortAccount
{
  GObject   parent_instance;
  gint64    id;
  char     *name;
  char     *industry;
  gboolean  has_employees;
  gint64    employees;
  gint64    n_contacts;
};

G_DEFINE_FINAL_TYPE (CohortAccount, cohort_account, G_TYPE_OBJECT)

enum { PROP_0, PROP_NAME, PROP_N_CONTACTS, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
cohort_account_finalize (GObject *object)
{
  CohortAccount *self = COHORT_ACCOUNT (object);

  g_free (self->name);
  g_free (self->industry);
  G_OBJECT_CLASS (cohort_account_parent_class)->finalize (object);
}

static void
cohort_account_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CohortAccount *self = COHORT_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_N_CONTACTS:
      g_value_set_int64 (value, self->n_contacts);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cohort_account_class_init (CohortAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cohort_account_finalize;
  object_class->get_property = cohort_account_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_CONTACTS] =
    g_param_spec_int64 ("n-contacts", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cohort_account_init (CohortAccount *self)
{
}

CohortAccount *
cohort_account_new (const char *name)
{
  CohortAccount *self = g_object_new (COHORT_TYPE_ACCOUNT, NULL);

  self->name = cohort_text_clean (name);
  return self;
}

gint64
cohort_account_get_id (CohortAccount *self)
{
  g_return_val_if_fail (COHORT_IS_ACCOUNT (self), 0);
  return self->id;
}

void
cohort_account_set_id (CohortAccount *self,
                       gint64         id)
{
  g_return_if_fail (COHORT_IS_ACCOUNT (self));
  self->id = id;
}

const char *
cohort_account_get_name (CohortAccount *self)
{
  g_return_val_if_fail (COHORT_IS_ACCOUNT (self), NULL);
  return self->name;
}

void
cohort_account_set_name (CohortAccount *self,
                         const char    *name)
{
  g_autofree char *clean = cohort_text_clean (name);

  g_return_if_fail (COHORT_IS_ACCOUNT (self));
  if (g_strcmp0 (clean, self->name) == 0)
    return;
  g_free (self->name);
  self->name = g_steal_pointer (&clean);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
cohort_account_get_industry (CohortAccount *self)
{
  g_return_val_if_fail (COHORT_IS_ACCOUNT (self), NULL);
  return self->industry;
}

void
cohort_account_set_industry (CohortAccount *self,
                             const char    *industry)
{
  g_return_if_fail (COHORT_IS_ACCOUNT (self));
  g_free (self->industry);
  self->industry = cohort_text_clean (industry);
}

gboolean
cohort_account_get_employees (CohortAccount *self,
                              gint64        *out_employees)
{
  g_return_val_if_fail (COHORT_IS_ACCOUNT (self), FALSE);
  if (out_employees)
    *out_employees = self->employees;
  return self->has_employees;
}

void
cohort_account_set_employees (CohortAccount *self,
                              gboolean       has_employees,
                              gint64         employees)
{
  g_return_if_fail (COHORT_IS_ACCOUNT (self));
  self->has_employees = has_employees;
  self->employees = has_employees ? employees : 0;
}

gint64
cohort_account_get_n_contacts (CohortAccount *self)
{
  g_return_val_if_fail (COHORT_IS_ACCOUNT (self), 0);
  return self->n_contacts;
}

void
cohort_account_set_n_contacts (CohortAccount *self,
                               gint64         n)
{
  g_return_if_fail (COHORT_IS_ACCOUNT (self));
  if (self->n_contacts == n)
    return;
  self->n_contacts = n;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CONTACTS]);
}

gboolean
cohort_account_set_field (CohortAccount  *self,
                          const char     *field,
                          const char     *value,
                          GError        **error)
{
  g_autofree char *clean = cohort_text_clean (value);

  g_return_val_if_fail (COHORT_IS_ACCOUNT (self), FALSE);

  if (g_ascii_strcasecmp (field, "name") == 0)
    {
      if (clean == NULL)
        {
          g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                       _("name: an account needs a name"));
          return FALSE;
        }
      cohort_account_set_name (self, clean);
    }
  else if (g_ascii_strcasecmp (field, "industry") == 0)
    cohort_account_set_industry (self, clean);
  else if (g_ascii_strcasecmp (field, "employees") == 0)
    {
      gint64 n = 0;

      if (clean != NULL && (!cohort_parse_int64 (clean, &n) || n < 0))
        {
          g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                       _("employees: “%s” is not a whole number of people"), clean);
          return FALSE;
        }
      cohort_account_set_employees (self, clean != NULL, n);
    }
  else
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                   _("“%s” is not an account field (expected one of: name, industry, employees)"),
                   field);
      return FALSE;
    }
  return TRUE;
}
