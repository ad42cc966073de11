/* cohort-import-mapping.c — which column of a file goes to which contact field
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cohort-contact.h"
#include "cohort-encoding.h"
#include "cohort-error.h"
#include "cohort-import-layouts.h"
#include "cohort-import-mapping.h"
#include "cohort-import-private.h"
#include "cohort-text.h"

typedef struct
{
  char *header;
  char *normalized;
  char *target;         /* NULL: skipped */
} Entry;

struct _CohortImportMapping
{
  gatomicrefcount ref;
  char *name;           /* of the JSON it came from, for messages */
  char *encoding;
  GArray *entries;      /* Entry */
};

static void
entry_clear (gpointer data)
{
  Entry *e = data;

  g_free (e->header);
  g_free (e->normalized);
  g_free (e->target);
}

CohortImportMapping *
cohort_import_mapping_new (void)
{
  CohortImportMapping *self = g_new0 (CohortImportMapping, 1);

  g_atomic_ref_count_init (&self->ref);
  self->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_array_set_clear_func (self->entries, entry_clear);
  return self;
}

CohortImportMapping *
cohort_import_mapping_ref (CohortImportMapping *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
cohort_import_mapping_unref (CohortImportMapping *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref))
    return;
  g_free (self->name);
  g_free (self->encoding);
  g_array_unref (self->entries);
  g_free (self);
}

/* A field the import can fill: the answer to "where does this column go". */
static char *
check_target (const char  *target,
              GError     **error)
{
  g_autofree char *clean = cohort_text_clean (target);
  CohortContactTextField text;

  if (clean != NULL && strcmp (clean, COHORT_IMPORT_FULL_NAME) == 0)
    return g_steal_pointer (&clean);
  if (clean != NULL && g_str_has_prefix (clean, "custom."))
    {
      g_autofree char *key = cohort_text_clean (clean + strlen ("custom."));

      if (key != NULL)
        return g_strconcat ("custom.", key, NULL);
    }
  else if (clean != NULL && cohort_contact_field_kind (clean, &text) != COHORT_CONTACT_FIELD_UNKNOWN)
    return g_steal_pointer (&clean);

  g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
               _("“%s” is not a field (expected email, first_name, last_name, phone, job_title, company, "
                 "city, country, status, score, tags, created_at, full_name, custom.KEY or skip)"),
               target);
  return NULL;
}

static Entry *
find_entry (CohortImportMapping *self,
            const char          *normalized)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *e = &g_array_index (self->entries, Entry, i);

      if (strcmp (e->normalized, normalized) == 0)
        return e;
    }
  return NULL;
}

gboolean
cohort_import_mapping_set (CohortImportMapping  *self,
                           const char           *header,
                           const char           *target,
                           GError              **error)
{
  g_autofree char *normalized = NULL;
  g_autofree char *checked = NULL;
  Entry *e;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (header != NULL, FALSE);

  if (target != NULL && g_ascii_strcasecmp (target, "skip") != 0 && (checked = check_target (target, error)) == NULL)
    return FALSE;
  normalized = cohort_import_normalize_header (header);
  if ((e = find_entry (self, normalized)) == NULL)
    {
      Entry added = { g_strdup (header), g_steal_pointer (&normalized), NULL };

      g_array_append_val (self->entries, added);
      e = &g_array_index (self->entries, Entry, self->entries->len - 1);
    }
  g_free (e->target);
  e->target = g_steal_pointer (&checked);
  return TRUE;
}

gboolean
cohort_import_mapping_lookup (CohortImportMapping  *self,
                              const char           *header,
                              const char          **out_target)
{
  g_autofree char *normalized = NULL;
  Entry *e;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (header != NULL, FALSE);

  normalized = cohort_import_normalize_header (header);
  if ((e = find_entry (self, normalized)) == NULL)
    return FALSE;
  if (out_target != NULL)
    *out_target = e->target;
  return TRUE;
}

GStrv
cohort_import_mapping_dup_headers (CohortImportMapping *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->entries->len; i++)
    g_strv_builder_add (builder, g_array_index (self->entries, Entry, i).header);
  return g_strv_builder_end (builder);
}

const char *
cohort_import_mapping_get_encoding (CohortImportMapping *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->encoding;
}

gboolean
cohort_import_mapping_set_encoding (CohortImportMapping  *self,
                                    const char           *encoding,
                                    GError              **error)
{
  g_autofree char *checked = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  if (encoding != NULL && (checked = cohort_encoding_check (encoding, error)) == NULL)
    return FALSE;
  g_free (self->encoding);
  self->encoding = g_steal_pointer (&checked);
  return TRUE;
}

static gboolean
fail_at (GError     **error,
         const char  *name,
         const char  *path,
         const char  *message)
{
  g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID, "%s: %s: %s", name, path, message);
  return FALSE;
}

static char *
column_path (const char *header)
{
  g_autofree char *quoted = g_strescape (header, "");

  return g_strdup_printf ("columns[\"%s\"]", quoted);
}

static gboolean
load_columns (CohortImportMapping  *self,
              JsonObject           *columns,
              GError              **error)
{
  g_autoptr(GList) members = json_object_get_members (columns);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *header = l->data;
      JsonNode *node = json_object_get_member (columns, header);
      g_autofree char *path = column_path (header);
      g_autoptr(GError) local = NULL;
      const char *target = NULL;

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        target = json_node_get_string (node);
      else if (!JSON_NODE_HOLDS_NULL (node))
        return fail_at (error, self->name, path, _("expected a field name, “skip” or null"));
      if (!cohort_import_mapping_set (self, header, target, &local))
        return fail_at (error, self->name, path, local->message);
    }
  return TRUE;
}

CohortImportMapping *
cohort_import_mapping_new_from_json (const char  *json,
                                     gssize       length,
                                     const char  *name,
                                     GError     **error)
{
  g_autoptr(CohortImportMapping) self = cohort_import_mapping_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  g_autoptr(GList) members = NULL;
  JsonNode *root;
  JsonObject *object;

  g_return_val_if_fail (json != NULL, NULL);

  self->name = g_strdup (name != NULL ? name : _("the mapping"));
  if (!json_parser_load_from_data (parser, json, length, &local))
    {
      /* json-glib calls its input "<data>": it is this file. */
      const char *where = g_str_has_prefix (local->message, "<data>:") ? local->message + strlen ("<data>") : NULL;

      if (where != NULL)
        g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID, "%s%s", self->name, where);
      else
        g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID, "%s: %s", self->name, local->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID,
                   _("%s: expected a JSON object such as {\"columns\": {\"E-Mail\": \"email\"}}"), self->name);
      return NULL;
    }
  object = json_node_get_object (root);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      JsonNode *node = json_object_get_member (object, key);

      if (strcmp (key, "columns") == 0)
        {
          if (!JSON_NODE_HOLDS_OBJECT (node))
            {
              fail_at (error, self->name, "columns", _("expected an object of header: field"));
              return NULL;
            }
          if (!load_columns (self, json_node_get_object (node), error))
            return NULL;
        }
      else if (strcmp (key, "encoding") == 0)
        {
          g_autoptr(GError) bad = NULL;

          if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
            {
              fail_at (error, self->name, "encoding", _("expected the name of an encoding such as windows-1252"));
              return NULL;
            }
          if (!cohort_import_mapping_set_encoding (self, json_node_get_string (node), &bad))
            {
              fail_at (error, self->name, "encoding", bad->message);
              return NULL;
            }
        }
      else
        {
          g_autofree char *message = g_strdup_printf (_("unknown key (expected “columns” and “encoding”)"));

          fail_at (error, self->name, key, message);
          return NULL;
        }
    }
  return g_steal_pointer (&self);
}

CohortImportMapping *
cohort_import_mapping_load (const char  *path,
                            GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) local = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  name = g_filename_display_basename (path);
  if (!g_file_get_contents (path, &text, &length, &local))
    {
      g_set_error (error, COHORT_ERROR, COHORT_ERROR_INVALID, "%s: %s", name, local->message);
      return NULL;
    }
  return cohort_import_mapping_new_from_json (text, length, name, error);
}

char *
cohort_import_mapping_to_json (CohortImportMapping *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  if (self->encoding != NULL)
    {
      json_builder_set_member_name (builder, "encoding");
      json_builder_add_string_value (builder, self->encoding);
    }
  json_builder_set_member_name (builder, "columns");
  json_builder_begin_object (builder);
  for (guint i = 0; i < self->entries->len; i++)
    {
      const Entry *e = &g_array_index (self->entries, Entry, i);

      json_builder_set_member_name (builder, e->header);
      if (e->target != NULL)
        json_builder_add_string_value (builder, e->target);
      else
        json_builder_add_null_value (builder);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

gboolean
cohort_import_mapping_save (CohortImportMapping  *self,
                            const char           *path,
                            GError              **error)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  json = cohort_import_mapping_to_json (self);
  return g_file_set_contents (path, json, -1, error);
}

gboolean
cohort_import_mapping_check_header (CohortImportMapping  *self,
                                    char * const         *header,
                                    guint                 n,
                                    const char           *file_name,
                                    GError              **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < self->entries->len; i++)
    {
      const Entry *e = &g_array_index (self->entries, Entry, i);
      gboolean found = FALSE;

      for (guint h = 0; h < n && !found; h++)
        {
          g_autofree char *normalized = cohort_import_normalize_header (header[h]);

          found = strcmp (normalized, e->normalized) == 0;
        }
      if (!found)
        {
          g_autofree char *path = column_path (e->header);
          g_autofree char *message = g_strdup_printf (_("the header of %s has no such column"), file_name);

          return fail_at (error, self->name, path, message);
        }
    }
  return TRUE;
}
