/* cohort-compile.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cohort-compile.h"
#include "cohort-error.h"
#include "cohort-text.h"

typedef enum
{
  PARAM_INT,
  PARAM_TEXT,
  PARAM_NULL,
  PARAM_NOW,             /* now */
  PARAM_NOW_MINUS_DAYS,  /* now - i days */
} ParamKind;

typedef struct
{
  ParamKind  kind;
  gint64     i;
  char      *s;
} Param;

struct _CohortCompiled
{
  GString     *sql;
  GArray      *params;
  CohortReads  reads;
  GArray      *groups;  /* gint64 */
};

typedef struct
{
  CohortCompiled      *out;
  CohortCompileMode    mode;
  GTimeZone           *tz;
  CohortGroupResolver  resolve_group;
  gpointer             resolve_data;
} Compiler;

static void
param_clear (gpointer data)
{
  g_free (((Param *) data)->s);
}

static void
add_int (Compiler *c,
         gint64    value)
{
  Param p = { PARAM_INT, value, NULL };

  g_array_append_val (c->out->params, p);
  g_string_append_c (c->out->sql, '?');
}

static void
add_text (Compiler   *c,
          const char *value)
{
  Param p = { value ? PARAM_TEXT : PARAM_NULL, 0, g_strdup (value) };

  g_array_append_val (c->out->params, p);
  g_string_append_c (c->out->sql, '?');
}

static void
add_now (Compiler *c,
         gint64    minus_days)
{
  Param p = { minus_days > 0 ? PARAM_NOW_MINUS_DAYS : PARAM_NOW, minus_days, NULL };

  c->out->reads |= COHORT_READS_NOW;
  g_array_append_val (c->out->params, p);
  g_string_append_c (c->out->sql, '?');
}

static gboolean
fail (CohortCondition  *node,
      GError          **error,
      const char       *what)
{
  g_autofree char *path = cohort_condition_dup_path (node);

  g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID, "%s%svalue: %s",
               path, *path ? "." : "", what);
  return FALSE;
}

/* Values: strings or numbers read as text; the validator has already checked
 * shapes, so these only guard against trees built without validation. */
static char *
node_to_text (JsonNode *node)
{
  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return NULL;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        return g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
      }
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    default:
      return NULL;
    }
}

static gboolean
node_to_int (JsonNode *node,
             gint64   *out)
{
  g_autofree char *text = NULL;

  if (node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *out = json_node_get_int (node);
      return TRUE;
    }
  text = node_to_text (node);
  return cohort_parse_int64 (text, out);
}

/* A list from an array, or from "a, b" text as react-querybuilder writes it. */
static GPtrArray *
node_to_list (JsonNode *node)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (g_free);

  if (node && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          char *text = node_to_text (json_array_get_element (array, i));
          if (text == NULL)
            {
              g_ptr_array_unref (list);
              return NULL;
            }
          g_ptr_array_add (list, text);
        }
    }
  else
    {
      g_autofree char *text = node_to_text (node);
      g_auto(GStrv) parts = NULL;

      if (text == NULL)
        {
          g_ptr_array_unref (list);
          return NULL;
        }
      parts = g_strsplit (text, ",", -1);
      for (guint i = 0; parts[i]; i++)
        g_ptr_array_add (list, g_strdup (parts[i]));
    }
  return list;
}

static gboolean
node_to_time (Compiler         *c,
              CohortCondition  *node,
              JsonNode         *value,
              gint64           *out,
              GError          **error)
{
  g_autofree char *text = node_to_text (value);
  g_autoptr(GError) local = NULL;

  if (!cohort_datetime_parse (text, c->tz, out, &local))
    return fail (node, error, local->message);
  return TRUE;
}

static gboolean
range_nodes (JsonNode  *value,
             JsonNode **out_low,
             JsonNode **out_high)
{
  JsonArray *array;

  if (value == NULL || !JSON_NODE_HOLDS_ARRAY (value))
    return FALSE;
  array = json_node_get_array (value);
  if (json_array_get_length (array) != 2)
    return FALSE;
  *out_low = json_array_get_element (array, 0);
  *out_high = json_array_get_element (array, 1);
  return TRUE;
}

/* The SQL for a field's value on row c; for custom fields the key is bound. */
static void
append_column (Compiler   *c,
               const char *field)
{
  GString *sql = c->out->sql;

  if (g_str_has_prefix (field, "custom."))
    {
      g_string_append (sql, "(SELECT value_fold FROM contact_fields WHERE contact_id = c.id AND key = ");
      add_text (c, field + strlen ("custom."));
      g_string_append_c (sql, ')');
    }
  else if (strcmp (field, "account.name") == 0)
    g_string_append (sql, "(SELECT name_fold FROM accounts WHERE id = c.account_id)");
  else if (strcmp (field, "account.industry") == 0)
    g_string_append (sql, "(SELECT industry_fold FROM accounts WHERE id = c.account_id)");
  else if (strcmp (field, "account.employees") == 0)
    g_string_append (sql, "(SELECT employees FROM accounts WHERE id = c.account_id)");
  else if (strcmp (field, "status") == 0 || strcmp (field, "score") == 0 ||
           g_str_has_suffix (field, "_at"))
    g_string_append_printf (sql, "c.%s", field);
  else
    g_string_append_printf (sql, "c.%s_fold", field);
}

static gboolean
compile_text (Compiler         *c,
              CohortCondition  *node,
              const char       *field,
              CohortOperator    op,
              JsonNode         *value,
              GError          **error)
{
  GString *sql = c->out->sql;
  g_autofree char *text = NULL;
  g_autofree char *fold = NULL;

  switch (op)
    {
    case COHORT_OP_NULL:
      g_string_append_c (sql, '(');
      append_column (c, field);
      g_string_append (sql, " IS NULL)");
      return TRUE;

    case COHORT_OP_IN:
      {
        g_autoptr(GPtrArray) list = node_to_list (value);
        gboolean any_missing = FALSE;
        guint n = 0;

        if (list == NULL)
          return fail (node, error, _("expected a list of texts"));
        g_string_append (sql, "(coalesce(");
        append_column (c, field);
        g_string_append (sql, " IN (");
        for (guint i = 0; i < list->len; i++)
          {
            g_autofree char *item = cohort_text_fold (g_ptr_array_index (list, i));
            if (item == NULL)
              {
                any_missing = TRUE;
                continue;
              }
            if (n++ > 0)
              g_string_append_c (sql, ',');
            add_text (c, item);
          }
        g_string_append (sql, "), 0)");
        if (any_missing)
          {
            g_string_append (sql, " OR ");
            append_column (c, field);
            g_string_append (sql, " IS NULL");
          }
        g_string_append_c (sql, ')');
        return TRUE;
      }

    default:
      break;
    }

  text = node_to_text (value);
  if (text == NULL)
    return fail (node, error, _("expected a text"));
  fold = cohort_text_fold (text);

  switch (op)
    {
    case COHORT_OP_EQ:
      /* An empty operand is a missing value: IS NULL. */
      g_string_append_c (sql, '(');
      append_column (c, field);
      g_string_append (sql, " IS ");
      add_text (c, fold);
      g_string_append_c (sql, ')');
      return TRUE;

    case COHORT_OP_CONTAINS:
    case COHORT_OP_BEGINS_WITH:
    case COHORT_OP_ENDS_WITH:
      if (fold == NULL)
        return fail (node, error, _("needs some text"));
      g_string_append (sql, "coalesce(");
      if (op == COHORT_OP_CONTAINS)
        {
          g_string_append (sql, "instr(");
          append_column (c, field);
          g_string_append (sql, ", ");
          add_text (c, fold);
          g_string_append (sql, ") > 0");
        }
      else
        {
          /* substr() counts characters, like g_utf8_strlen(). */
          g_string_append (sql, "substr(");
          append_column (c, field);
          g_string_append (sql, op == COHORT_OP_BEGINS_WITH ? ", 1, " : ", -");
          add_int (c, g_utf8_strlen (fold, -1));
          g_string_append (sql, ") = ");
          add_text (c, fold);
        }
      g_string_append (sql, ", 0)");
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
compile_number (Compiler         *c,
                CohortCondition  *node,
                const char       *field,
                CohortFieldType   type,
                CohortOperator    op,
                JsonNode         *value,
                GError          **error)
{
  GString *sql = c->out->sql;
  static const char * const comparisons[] = {
    [COHORT_OP_EQ] = " IS ", [COHORT_OP_LT] = " < ", [COHORT_OP_LE] = " <= ",
    [COHORT_OP_GT] = " > ", [COHORT_OP_GE] = " >= ",
  };

  if (op == COHORT_OP_NULL)
    {
      g_string_append_c (sql, '(');
      append_column (c, field);
      g_string_append (sql, " IS NULL)");
      return TRUE;
    }

  if (op == COHORT_OP_WITHIN_LAST_DAYS)
    {
      gint64 days;

      if (!node_to_int (value, &days) || days < 0)
        return fail (node, error, _("expected a whole number of days"));
      g_string_append (sql, "coalesce(");
      append_column (c, field);
      g_string_append (sql, " BETWEEN ");
      add_now (c, days);
      g_string_append (sql, " AND ");
      add_now (c, 0);
      g_string_append (sql, ", 0)");
      return TRUE;
    }

  if (op == COHORT_OP_BETWEEN)
    {
      JsonNode *low_node, *high_node;
      gint64 low, high;

      if (!range_nodes (value, &low_node, &high_node))
        return fail (node, error, _("expected [low, high]"));
      if (type == COHORT_FIELD_DATETIME)
        {
          if (!node_to_time (c, node, low_node, &low, error) ||
              !node_to_time (c, node, high_node, &high, error))
            return FALSE;
        }
      else if (!node_to_int (low_node, &low) || !node_to_int (high_node, &high))
        return fail (node, error, _("expected two whole numbers"));

      g_string_append (sql, "coalesce(");
      append_column (c, field);
      g_string_append (sql, " BETWEEN ");
      add_int (c, low);
      g_string_append (sql, " AND ");
      add_int (c, high);
      g_string_append (sql, ", 0)");
      return TRUE;
    }

  if (op < G_N_ELEMENTS (comparisons) && comparisons[op] != NULL)
    {
      gint64 operand;

      if (type == COHORT_FIELD_DATETIME)
        {
          if (!node_to_time (c, node, value, &operand, error))
            return FALSE;
        }
      else if (!node_to_int (value, &operand))
        return fail (node, error, _("expected a whole number"));

      g_string_append (sql, op == COHORT_OP_EQ ? "(" : "coalesce(");
      append_column (c, field);
      g_string_append (sql, comparisons[op]);
      add_int (c, operand);
      g_string_append (sql, op == COHORT_OP_EQ ? ")" : ", 0)");
      return TRUE;
    }

  g_assert_not_reached ();
}

static gboolean
compile_status (Compiler         *c,
                CohortCondition  *node,
                CohortOperator    op,
                JsonNode         *value,
                GError          **error)
{
  GString *sql = c->out->sql;
  g_autoptr(GPtrArray) list = NULL;

  if (op == COHORT_OP_EQ)
    {
      g_autofree char *text = node_to_text (value);

      if (text == NULL)
        return fail (node, error, _("expected a status"));
      list = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (list, g_steal_pointer (&text));
    }
  else if (!(list = node_to_list (value)))
    return fail (node, error, _("expected a list of statuses"));

  g_string_append (sql, "(c.status IN (");
  for (guint i = 0; i < list->len; i++)
    {
      g_autofree char *fold = cohort_text_fold (g_ptr_array_index (list, i));
      if (i > 0)
        g_string_append_c (sql, ',');
      add_text (c, fold);
    }
  g_string_append (sql, "))");
  return TRUE;
}

/* "c is in the set …": looked up once per statement when scanning, probed
 * per contact otherwise. Both openings are literals naming the same table;
 * the caller continues the WHERE clause. */
static void
open_set (Compiler   *c,
          const char *scan,
          const char *row)
{
  g_string_append (c->out->sql, c->mode == COHORT_COMPILE_SCAN ? scan : row);
}

static void
close_set (Compiler *c)
{
  g_string_append (c->out->sql, c->mode == COHORT_COMPILE_SCAN ? "))" : ")");
}

static gboolean
compile_tag (Compiler         *c,
             CohortCondition  *node,
             CohortOperator    op,
             JsonNode         *value,
             GError          **error)
{
  g_autoptr(GPtrArray) list = NULL;
  guint n = 0;

  if (op == COHORT_OP_EQ)
    {
      g_autofree char *text = node_to_text (value);

      if (text == NULL)
        return fail (node, error, _("expected a tag"));
      list = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (list, g_steal_pointer (&text));
    }
  else if (!(list = node_to_list (value)))
    return fail (node, error, _("expected a list of tags"));

  open_set (c, "(c.id IN (SELECT contact_id FROM contact_tags WHERE ",
            "EXISTS (SELECT 1 FROM contact_tags WHERE contact_id = c.id AND ");
  g_string_append (c->out->sql, "tag_fold IN (");
  for (guint i = 0; i < list->len; i++)
    {
      g_autofree char *fold = cohort_text_fold (g_ptr_array_index (list, i));
      /* No tag is empty, so an empty operand matches nothing. */
      if (fold == NULL)
        continue;
      if (n++ > 0)
        g_string_append_c (c->out->sql, ',');
      add_text (c, fold);
    }
  if (n == 0)
    g_string_append (c->out->sql, "NULL");
  g_string_append (c->out->sql, ")");
  close_set (c);
  return TRUE;
}

static gboolean
compile_group (Compiler         *c,
               CohortCondition  *node,
               JsonNode         *value,
               GError          **error)
{
  g_autoptr(GPtrArray) list = node_to_list (value);
  guint j;

  if (list == NULL || list->len == 0)
    return fail (node, error, _("expected a list of group code names"));

  open_set (c, "(c.id IN (SELECT contact_id FROM memberships WHERE ",
            "EXISTS (SELECT 1 FROM memberships WHERE contact_id = c.id AND ");
  g_string_append (c->out->sql, "group_id IN (");
  for (guint i = 0; i < list->len; i++)
    {
      g_autofree char *code = cohort_text_clean (g_ptr_array_index (list, i));
      gint64 id = 0;

      if (code == NULL || !c->resolve_group || !c->resolve_group (code, &id, c->resolve_data))
        {
          g_autofree char *path = cohort_condition_dup_path (node);
          g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                       _("%s%svalue: there is no group with the code name “%s”"),
                       path, *path ? "." : "", code ? code : "");
          return FALSE;
        }
      if (i > 0)
        g_string_append_c (c->out->sql, ',');
      add_int (c, id);
      for (j = 0; j < c->out->groups->len; j++)
        if (g_array_index (c->out->groups, gint64, j) == id)
          break;
      if (j == c->out->groups->len)
        g_array_append_val (c->out->groups, id);
    }
  g_string_append_c (c->out->sql, ')');
  close_set (c);
  return TRUE;
}

static gboolean
compile_activity (Compiler         *c,
                  CohortCondition  *node,
                  CohortOperator    op,
                  JsonNode         *value,
                  GError          **error)
{
  GString *sql = c->out->sql;
  JsonObject *object;
  const char *type;
  gint64 count = 1, days = -1;
  gboolean per_contact;

  if (value == NULL || !JSON_NODE_HOLDS_OBJECT (value))
    return fail (node, error, _("expected {\"type\", \"count\", \"days\"}"));
  object = json_node_get_object (value);
  type = json_object_get_string_member_with_default (object, "type", "*");
  /* "none" is "atLeast" with count 1 (the validator requires a count on
   * "atLeast" itself). */
  if (json_object_has_member (object, "count") &&
      (!node_to_int (json_object_get_member (object, "count"), &count) || count < 1))
    return fail (node, error, _("count must be a whole number of at least 1"));
  if (json_object_has_member (object, "days") &&
      !json_object_get_null_member (object, "days") &&
      (!node_to_int (json_object_get_member (object, "days"), &days) || days < 0))
    return fail (node, error, _("days must be a whole number of at least 0"));

  /* "Any activity" cannot use the (type, occurred_at) index: probing each
   * contact's few activities is then cheaper than scanning them all. */
  per_contact = c->mode == COHORT_COMPILE_ROW || strcmp (type, "*") == 0;

  if (per_contact && count == 1)
    g_string_append (sql, "EXISTS (SELECT 1 FROM activities WHERE contact_id = c.id");
  else if (per_contact)
    g_string_append (sql, "((SELECT count(*) FROM (SELECT 1 FROM activities WHERE contact_id = c.id");
  else
    g_string_append (sql, "(c.id IN (SELECT contact_id FROM activities WHERE 1");

  if (strcmp (type, "*") != 0)
    {
      g_autofree char *fold = cohort_text_fold (type);
      g_string_append (sql, " AND type = ");
      add_text (c, fold);
    }
  if (days >= 0)
    {
      g_string_append (sql, " AND occurred_at BETWEEN ");
      add_now (c, days);
      g_string_append (sql, " AND ");
      add_now (c, 0);
    }

  if (per_contact && count == 1)
    g_string_append (sql, ")");
  else if (per_contact)
    {
      g_string_append (sql, " LIMIT ");
      add_int (c, count);
      g_string_append (sql, ")) >= ");
      add_int (c, count);
      g_string_append (sql, ")");
    }
  else if (count > 1)
    {
      g_string_append (sql, " GROUP BY contact_id HAVING count(*) >= ");
      add_int (c, count);
      g_string_append (sql, "))");
    }
  else
    g_string_append (sql, "))");
  return TRUE;
}

/* What a rule on @field reads; add_now() adds COHORT_READS_NOW. */
static CohortReads
field_reads (const char      *field,
             CohortFieldType  type)
{
  switch (type)
    {
    case COHORT_FIELD_TAG:
      return COHORT_READS_TAGS;
    case COHORT_FIELD_GROUP:
      return COHORT_READS_GROUPS;
    case COHORT_FIELD_ACTIVITY:
      return COHORT_READS_ACTIVITIES;
    case COHORT_FIELD_ENUM:
      return COHORT_READS_STATUS;
    default:
      break;
    }
  if (strcmp (field, "updated_at") == 0)
    return COHORT_READS_UPDATED_AT;
  if (strcmp (field, "last_activity_at") == 0)
    return COHORT_READS_ACTIVITIES;
  return COHORT_READS_OTHER;
}

static gboolean
compile_rule (Compiler         *c,
              CohortCondition  *node,
              GError          **error)
{
  const char *field = cohort_condition_get_field (node);
  const CohortField *info = cohort_catalog_lookup (field);
  CohortOperator op = cohort_condition_get_operator (node);
  CohortOperator positive = cohort_operator_get_positive (op);
  JsonNode *value = cohort_condition_get_value (node);
  gboolean negative = positive != op;
  gboolean ok;

  if (info == NULL || !cohort_field_type_has_operator (info->type, op))
    {
      g_autofree char *path = cohort_condition_dup_path (node);
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                   _("%s: “%s” %s is not a valid condition"), path,
                   field ? field : "", cohort_operator_to_string (op));
      return FALSE;
    }

  if (negative)
    g_string_append (c->out->sql, "NOT ");

  c->out->reads |= field_reads (field, info->type);
  switch (info->type)
    {
    case COHORT_FIELD_TEXT:
      ok = compile_text (c, node, field, positive, value, error);
      break;
    case COHORT_FIELD_ENUM:
      ok = compile_status (c, node, positive, value, error);
      break;
    case COHORT_FIELD_INTEGER:
    case COHORT_FIELD_DATETIME:
      ok = compile_number (c, node, field, info->type, positive, value, error);
      break;
    case COHORT_FIELD_TAG:
      ok = compile_tag (c, node, positive, value, error);
      break;
    case COHORT_FIELD_GROUP:
      ok = compile_group (c, node, value, error);
      break;
    case COHORT_FIELD_ACTIVITY:
      ok = compile_activity (c, node, positive, value, error);
      break;
    default:
      g_assert_not_reached ();
    }
  return ok;
}

static gboolean compile_node (Compiler         *c,
                              CohortCondition  *node,
                              GError          **error);

/* Children [lo, hi) joined as a balanced tree: "a OR b OR c …" nests one
 * level per child, and SQLite refuses expressions deeper than 1000. */
static gboolean
compile_children (Compiler         *c,
                  CohortCondition  *node,
                  guint             lo,
                  guint             hi,
                  GError          **error)
{
  guint mid;

  if (hi - lo == 1)
    return compile_node (c, cohort_condition_get_child (node, lo), error);

  mid = lo + (hi - lo) / 2;
  g_string_append_c (c->out->sql, '(');
  if (!compile_children (c, node, lo, mid, error))
    return FALSE;
  g_string_append (c->out->sql, cohort_condition_get_any (node) ? " OR " : " AND ");
  if (!compile_children (c, node, mid, hi, error))
    return FALSE;
  g_string_append_c (c->out->sql, ')');
  return TRUE;
}

static gboolean
compile_node (Compiler         *c,
              CohortCondition  *node,
              GError          **error)
{
  guint n;

  if (!cohort_condition_is_group (node))
    return compile_rule (c, node, error);

  n = cohort_condition_get_n_children (node);
  if (n == 0)
    {
      g_autofree char *path = cohort_condition_dup_path (node);
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                   _("%s%srules: a group needs at least one condition"), path, *path ? "." : "");
      return FALSE;
    }

  if (cohort_condition_get_negated (node))
    g_string_append (c->out->sql, "NOT ");
  g_string_append_c (c->out->sql, '(');
  if (!compile_children (c, node, 0, n, error))
    return FALSE;
  g_string_append_c (c->out->sql, ')');
  return TRUE;
}

CohortCompiled *
cohort_compile (CohortCondition      *condition,
                CohortCompileMode     mode,
                GTimeZone            *tz,
                CohortGroupResolver   resolve_group,
                gpointer              resolve_data,
                GError              **error)
{
  g_autoptr(CohortCompiled) out = g_new0 (CohortCompiled, 1);
  Compiler c = { out, mode, tz, resolve_group, resolve_data };

  g_return_val_if_fail (COHORT_IS_CONDITION (condition), NULL);

  out->sql = g_string_new (NULL);
  out->params = g_array_new (FALSE, TRUE, sizeof (Param));
  g_array_set_clear_func (out->params, param_clear);
  out->groups = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!compile_node (&c, condition, error))
    return NULL;
  return g_steal_pointer (&out);
}

const char *
cohort_compiled_get_sql (CohortCompiled *self)
{
  return self->sql->str;
}

guint
cohort_compiled_get_n_params (CohortCompiled *self)
{
  return self->params->len;
}

CohortReads
cohort_compiled_get_reads (CohortCompiled *self)
{
  return self->reads;
}

GArray *
cohort_compiled_get_groups (CohortCompiled *self)
{
  return self->groups;
}

void
cohort_compiled_bind (CohortCompiled *self,
                      sqlite3_stmt   *stmt,
                      int             first,
                      gint64          now)
{
  for (guint i = 0; i < self->params->len; i++)
    {
      const Param *p = &g_array_index (self->params, Param, i);
      int index = first + (int) i;

      switch (p->kind)
        {
        case PARAM_INT:
          sqlite3_bind_int64 (stmt, index, p->i);
          break;
        case PARAM_TEXT:
          sqlite3_bind_text (stmt, index, p->s, -1, SQLITE_STATIC);
          break;
        case PARAM_NULL:
          sqlite3_bind_null (stmt, index);
          break;
        case PARAM_NOW:
          sqlite3_bind_int64 (stmt, index, now);
          break;
        case PARAM_NOW_MINUS_DAYS:
          sqlite3_bind_int64 (stmt, index, now - p->i * 86400);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

void
cohort_compiled_free (CohortCompiled *self)
{
  if (self == NULL)
    return;
  g_string_free (self->sql, TRUE);
  g_array_unref (self->params);
  g_array_unref (self->groups);
  g_free (self);
}
