/* cohort-group.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cohort-group.h"

struct _CohortGroup
{
  GObject          parent_instance;
  gint64           id;
  char            *code;
  char            *name;
  char            *description;
  char            *color;
  CohortGroupKind  kind;
  char            *condition_json;
  gboolean         needs_recalculation;
  gboolean         scheduled;
  int              schedule_minute;
  gint64           schedule_last_run;
  gint64           last_recalculated_at;
  gint64           member_count;
  gint64           created_at;
  gint64           archived_at;
};

G_DEFINE_FINAL_TYPE (CohortGroup, cohort_group, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CODE,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_COLOR,
  PROP_DYNAMIC,
  PROP_NEEDS_RECALCULATION,
  PROP_SCHEDULED,
  PROP_MEMBER_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cohort_group_finalize (GObject *object)
{
  CohortGroup *self = COHORT_GROUP (object);

  g_free (self->code);
  g_free (self->name);
  g_free (self->description);
  g_free (self->color);
  g_free (self->condition_json);
  G_OBJECT_CLASS (cohort_group_parent_class)->finalize (object);
}

static void
cohort_group_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CohortGroup *self = COHORT_GROUP (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;
    case PROP_DYNAMIC:
      g_value_set_boolean (value, self->kind == COHORT_GROUP_DYNAMIC);
      break;
    case PROP_NEEDS_RECALCULATION:
      g_value_set_boolean (value, self->needs_recalculation);
      break;
    case PROP_SCHEDULED:
      g_value_set_boolean (value, self->scheduled);
      break;
    case PROP_MEMBER_COUNT:
      g_value_set_int64 (value, self->member_count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cohort_group_class_init (CohortGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = cohort_group_finalize;
  object_class->get_property = cohort_group_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_COLOR] = g_param_spec_string ("color", NULL, NULL, NULL, flags);
  properties[PROP_DYNAMIC] = g_param_spec_boolean ("dynamic", NULL, NULL, FALSE, flags);
  properties[PROP_NEEDS_RECALCULATION] =
    g_param_spec_boolean ("needs-recalculation", NULL, NULL, FALSE, flags);
  properties[PROP_SCHEDULED] = g_param_spec_boolean ("scheduled", NULL, NULL, FALSE, flags);
  properties[PROP_MEMBER_COUNT] =
    g_param_spec_int64 ("member-count", NULL, NULL, 0, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cohort_group_init (CohortGroup *self)
{
  self->schedule_minute = -1;
}

CohortGroup *
cohort_group_new (const char      *code,
                  const char      *name,
                  CohortGroupKind  kind)
{
  CohortGroup *self = g_object_new (COHORT_TYPE_GROUP, NULL);

  self->code = g_strdup (code);
  self->name = g_strdup (name);
  self->kind = kind;
  return self;
}

static void
replace_string (CohortGroup  *self,
                char        **field,
                const char   *value,
                guint         prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  if (prop)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
replace_int64 (CohortGroup *self,
               gint64      *field,
               gint64       value,
               guint        prop)
{
  if (*field == value)
    return;
  *field = value;
  if (prop)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

gint64
cohort_group_get_id (CohortGroup *self)
{
  g_return_val_if_fail (COHORT_IS_GROUP (self), 0);
  return self->id;
}

void
cohort_group_set_id (CohortGroup *self,
                     gint64       id)
{
  g_return_if_fail (COHORT_IS_GROUP (self));
  replace_int64 (self, &self->id, id, PROP_ID);
}

#define STRING_ACCESSORS(field, PROP)                                   \
  const char *                                                          \
  cohort_group_get_##field (CohortGroup *self)                          \
  {                                                                     \
    g_return_val_if_fail (COHORT_IS_GROUP (self), NULL);                \
    return self->field;                                                 \
  }                                                                     \
  void                                                                  \
  cohort_group_set_##field (CohortGroup *self,                          \
                            const char  *value)                         \
  {                                                                     \
    g_return_if_fail (COHORT_IS_GROUP (self));                          \
    replace_string (self, &self->field, value, PROP);                   \
  }

STRING_ACCESSORS (code, PROP_CODE)
STRING_ACCESSORS (name, PROP_NAME)
STRING_ACCESSORS (description, PROP_DESCRIPTION)
STRING_ACCESSORS (color, PROP_COLOR)

const char *
cohort_group_get_condition_json (CohortGroup *self)
{
  g_return_val_if_fail (COHORT_IS_GROUP (self), NULL);
  return self->condition_json;
}

void
cohort_group_set_condition_json (CohortGroup *self,
                                 const char  *json)
{
  g_return_if_fail (COHORT_IS_GROUP (self));
  replace_string (self, &self->condition_json, json, 0);
}

CohortGroupKind
cohort_group_get_kind (CohortGroup *self)
{
  g_return_val_if_fail (COHORT_IS_GROUP (self), COHORT_GROUP_STATIC);
  return self->kind;
}

void
cohort_group_set_kind (CohortGroup     *self,
                       CohortGroupKind  kind)
{
  g_return_if_fail (COHORT_IS_GROUP (self));
  if (self->kind == kind)
    return;
  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DYNAMIC]);
}

gboolean
cohort_group_get_needs_recalculation (CohortGroup *self)
{
  g_return_val_if_fail (COHORT_IS_GROUP (self), FALSE);
  return self->needs_recalculation;
}

void
cohort_group_set_needs_recalculation (CohortGroup *self,
                                      gboolean     needs)
{
  g_return_if_fail (COHORT_IS_GROUP (self));
  needs = !!needs;
  if (self->needs_recalculation == needs)
    return;
  self->needs_recalculation = needs;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEEDS_RECALCULATION]);
}

gboolean
cohort_group_get_scheduled (CohortGroup *self)
{
  g_return_val_if_fail (COHORT_IS_GROUP (self), FALSE);
  return self->scheduled;
}

void
cohort_group_set_scheduled (CohortGroup *self,
                            gboolean     scheduled)
{
  g_return_if_fail (COHORT_IS_GROUP (self));
  scheduled = !!scheduled;
  if (self->scheduled == scheduled)
    return;
  self->scheduled = scheduled;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCHEDULED]);
}

int
cohort_group_get_schedule_minute (CohortGroup *self)
{
  g_return_val_if_fail (COHORT_IS_GROUP (self), -1);
  return self->schedule_minute;
}

void
cohort_group_set_schedule_minute (CohortGroup *self,
                                  int          minute)
{
  g_return_if_fail (COHORT_IS_GROUP (self));
  self->schedule_minute = minute;
}

#define INT64_ACCESSORS(field, PROP)                                    \
  gint64                                                                \
  cohort_group_get_##field (CohortGroup *self)                          \
  {                                                                     \
    g_return_val_if_fail (COHORT_IS_GROUP (self), 0);                   \
    return self->field;                                                 \
  }                                                                     \
  void                                                                  \
  cohort_group_set_##field (CohortGroup *self,                          \
                            gint64       value)                         \
  {                                                                     \
    g_return_if_fail (COHORT_IS_GROUP (self));                          \
    replace_int64 (self, &self->field, value, PROP);                    \
  }

INT64_ACCESSORS (schedule_last_run, 0)
INT64_ACCESSORS (last_recalculated_at, 0)
INT64_ACCESSORS (member_count, PROP_MEMBER_COUNT)
INT64_ACCESSORS (created_at, 0)
INT64_ACCESSORS (archived_at, 0)

const char *
cohort_group_kind_to_string (CohortGroupKind kind)
{
  return kind == COHORT_GROUP_DYNAMIC ? "dynamic" : "static";
}

gboolean
cohort_group_code_is_valid (const char *code)
{
  if (code == NULL || *code == '\0' || strlen (code) > 64)
    return FALSE;
  for (const char *p = code; *p; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '_' || *p == '-'))
      return FALSE;
  return TRUE;
}

char *
cohort_group_code_from_name (const char *name)
{
  g_autofree char *ascii = NULL;
  GString *code = g_string_new (NULL);
  gboolean dash = FALSE;

  if (name != NULL)
    ascii = g_str_to_ascii (name, "C");

  for (const char *p = ascii; p && *p; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          if (dash && code->len > 0)
            g_string_append_c (code, '-');
          g_string_append_c (code, g_ascii_tolower (*p));
          dash = FALSE;
        }
      else
        dash = TRUE;
      if (code->len >= 48)
        break;
    }
  if (code->len == 0)
    g_string_append (code, "group");
  return g_string_free (code, FALSE);
}
