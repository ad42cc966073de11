/* cohort-import-reader.c — the reading half of a contact import
 *
 * Each cell is checked by the same rules as cohort_contact_set_field()
 * (cohort_contact_check_value()) and folded into the batch.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cohort-import-private.h"
#include "cohort-import-reader.h"
#include "cohort-text.h"

void
cohort_import_column_map_clear (CohortImportColumnMap *map)
{
  for (guint i = 0; i < map->n_columns; i++)
    {
      g_free (map->columns[i].field);
      g_free (map->columns[i].fallback);
      g_free (map->columns[i].normalized);
    }
  g_free (map->columns);
}

/* Google's "E-mail 1 - Type" (and its newer "- Label") and the like label
 * the column next to them: they are no contact data. */
static gboolean
is_ignored_header (const char *norm)
{
  static const char * const prefixes[] = { "e_mail_", "phone_", "address_", "organization_", "website_", "relation_" };

  if (!g_str_has_suffix (norm, "_type") && !g_str_has_suffix (norm, "_label"))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (norm, prefixes[i]))
      return TRUE;
  return FALSE;
}

static void
assign_slots (CohortImportColumnMap *map)
{
  map->n_slots = 0;
  for (guint i = 0; i < map->n_columns; i++)
    {
      CohortImportColumn *col = &map->columns[i];

      if (col->field == NULL)
        continue;
      col->kind = cohort_contact_field_kind (col->field, &col->text);
      col->full_name = strcmp (col->field, COHORT_IMPORT_FULL_NAME) == 0;
      if (col->kind == COHORT_CONTACT_FIELD_CUSTOM)
        {
          /* As cohort_contact_set_custom_field() takes its key. */
          g_autofree char *key = cohort_text_clean (col->field + strlen ("custom."));

          g_free (col->field);
          col->field = key != NULL ? g_strconcat ("custom.", key, NULL) : NULL;
          if (col->field == NULL)
            continue;
          col->key = col->field + strlen ("custom.");
        }
      col->slot = map->n_slots;
      for (guint j = 0; j < i; j++)
        if (map->columns[j].field != NULL && strcmp (map->columns[j].field, col->field) == 0)
          {
            col->slot = map->columns[j].slot;
            break;
          }
      if (col->slot == map->n_slots)
        map->n_slots++;
    }
}

guint
cohort_import_map_header (CohortImportColumnMap  *map,
                          char                  **header,
                          guint                   n,
                          CohortImportMapping    *mapping)
{
  g_auto(GStrv) normalized = g_new0 (char *, n + 1);
  guint known = 0;

  for (guint i = 0; i < n; i++)
    normalized[i] = cohort_import_normalize_header (header[i]);
  map->layout = cohort_import_layout_detect (normalized, n);

  map->n_columns = n;
  map->columns = g_new0 (CohortImportColumn, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *clean = cohort_text_clean (header[i]);
      CohortImportColumn *col = &map->columns[i];
      const CohortImportLayoutColumn *known_column;
      const char *target;

      if (clean == NULL)
        continue;
      if (mapping != NULL && cohort_import_mapping_lookup (mapping, header[i], &target))
        {
          col->field = g_strdup (target);
          known += target != NULL;
          continue;
        }
      if ((known_column = cohort_import_layout_find (map->layout, normalized[i])) != NULL)
        {
          if (known_column->target == NULL)
            continue;
          /* A second column for the same field (Business and Mobile
           * Phone) only fills it when the first was empty. */
          col->field = g_strdup (known_column->target);
          col->value = known_column->value;
          if (known_column->lenient)
            col->fallback = g_steal_pointer (&clean);
          known++;
        }
      else if (is_ignored_header (normalized[i]))
        continue;
      else
        col->field = g_str_has_prefix (clean, "custom.")
                       ? g_strdup (clean)
                       : g_strconcat ("custom.", clean, NULL);
      if (cohort_import_layout_is_placeholder (map->layout, normalized[i], NULL))
        col->normalized = g_strdup (normalized[i]);
    }
  assign_slots (map);
  return known;
}

/* Trims a cell where it lies (the reader's record is ours to change). */
static char *
trim_cell (char *cell)
{
  gsize len;
  char *start = (char *) cohort_text_trim (cell, &len);

  if (start != NULL)
    start[len] = '\0';
  return start;
}

/* Tags are separated by ";" or ","; Google joins its labels with " ::: "
 * and marks its own with "* ". The first spelling of a tag wins. */
static void
read_tags (CohortImportReader *r,
           char               *cell)
{
  char *p = cell;

  while (p != NULL)
    {
      char *sep = p;
      char *next = NULL;
      const char *tag, *fold;
      gboolean again = FALSE;

      for (; *sep != '\0'; sep++)
        if (*sep == ';' || *sep == ',' || strncmp (sep, ":::", 3) == 0)
          {
            next = sep + (*sep == ':' ? 3 : 1);
            *sep = '\0';
            break;
          }

      tag = trim_cell (p);
      p = next;
      /* Mailchimp quotes each tag: "vip","expo". */
      if (tag != NULL && tag[0] == '"' && strlen (tag) >= 2 && tag[strlen (tag) - 1] == '"')
        {
          ((char *) tag)[strlen (tag) - 1] = '\0';
          tag = trim_cell ((char *) tag + 1);
        }
      if (tag == NULL || g_str_has_prefix (tag, "* "))
        continue;
      fold = cohort_import_batch_keep_fold (r->batch, tag);
      for (guint i = 1; i < r->tags->len && !again; i += 2)
        again = strcmp (g_ptr_array_index (r->tags, i), fold) == 0;
      if (!again)
        {
          g_ptr_array_add (r->tags, (gpointer) cohort_import_batch_keep (r->batch, tag));
          g_ptr_array_add (r->tags, (gpointer) fold);
        }
    }
}

static gboolean
read_cell (CohortImportReader        *r,
           const CohortImportColumn  *col,
           char                      *value,
           CohortImportRow           *row,
           GError                   **error)
{
  CohortContactFieldValue parsed;
  CohortImportBatch *b = r->batch;

  if (col->kind == COHORT_CONTACT_FIELD_UNKNOWN)
    {
      /* Only a bare "custom." header: say what set_field() says. */
      g_autoptr(CohortContact) scratch = cohort_contact_new ();
      return cohort_contact_set_field (scratch, col->field, value, r->tz, error);
    }
  if (!cohort_contact_check_value (col->kind, col->text, value, r->tz, &parsed, error))
    return FALSE;

  switch (col->kind)
    {
    case COHORT_CONTACT_FIELD_TEXT:
      row->text[col->text] = cohort_import_batch_keep (b, value);
      row->fold[col->text] = cohort_import_batch_keep_fold (b, value);
      break;

    case COHORT_CONTACT_FIELD_STATUS:
      row->status = cohort_status_to_string (parsed.status);
      break;

    case COHORT_CONTACT_FIELD_SCORE:
      row->has_score = TRUE;
      row->score = parsed.number;
      break;

    case COHORT_CONTACT_FIELD_CREATED_AT:
      row->has_created_at = TRUE;
      row->created_at = parsed.number;
      break;

    case COHORT_CONTACT_FIELD_TAGS:
      read_tags (r, value);
      break;

    case COHORT_CONTACT_FIELD_ACCOUNT:
      row->company = cohort_import_batch_keep (b, value);
      row->company_fold = cohort_import_batch_keep_fold (b, value);
      break;

    case COHORT_CONTACT_FIELD_CUSTOM:
      g_ptr_array_add (r->fields, (gpointer) col->key);
      g_ptr_array_add (r->fields, (gpointer) cohort_import_batch_keep (b, value));
      g_ptr_array_add (r->fields, (gpointer) cohort_import_batch_keep_fold (b, value));
      break;

    case COHORT_CONTACT_FIELD_UNKNOWN:
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

/* A full name fills first and last name when the row has neither: what
 * comes before its last space is the first name. */
static gboolean
read_full_name (CohortImportReader  *r,
                char                *full_name,
                CohortImportRow     *row,
                GError             **error)
{
  CohortImportColumn part = { .kind = COHORT_CONTACT_FIELD_TEXT };
  char *space = strrchr (full_name, ' ');

  if (row->text[COHORT_CONTACT_FIRST_NAME] != NULL || row->text[COHORT_CONTACT_LAST_NAME] != NULL)
    return TRUE;
  if (space != NULL)
    {
      *space = '\0';
      part.text = COHORT_CONTACT_LAST_NAME;
      if (!read_cell (r, &part, trim_cell (space + 1), row, error))
        return FALSE;
    }
  part.text = COHORT_CONTACT_FIRST_NAME;
  return read_cell (r, &part, trim_cell (full_name), row, error);
}

/* Checks and folds one row into the batch, the way
 * cohort_contact_set_field() would take each cell. */
static gboolean
read_cells (CohortImportReader  *r,
            char               **cells,
            guint                n,
            guint                line,
            GError             **error)
{
  CohortImportBatch *b = r->batch;
  CohortImportRow row = { line, };
  char *full_name = NULL;

  memset (r->filled, 0, r->map.n_slots);
  g_ptr_array_set_size (r->tags, 0);
  g_ptr_array_set_size (r->fields, 0);

  for (guint i = 0; i < n; i++)
    {
      const CohortImportColumn *col = &r->map.columns[i];
      char *value;

      if (col->field == NULL || r->filled[col->slot] || (value = trim_cell (cells[i])) == NULL)
        continue;
      if (col->normalized != NULL && cohort_import_layout_is_placeholder (r->map.layout, col->normalized, value))
        continue;
      r->filled[col->slot] = TRUE;
      if (col->full_name)
        {
          full_name = value;
          continue;
        }
      if (col->value != NULL)
        value = (char *) col->value;
      /* Undo the formula guard of our own export, so it imports back. */
      if (value[0] == '\'' && value[1] != '\0' && strchr ("=+-@\t\r", value[1]) != NULL)
        value++;
      if (!read_cell (r, col, value, &row, error))
        {
          /* A layout's date or rating in a form we do not read is kept
           * as it is, not lost with its row. */
          if (col->fallback == NULL)
            return FALSE;
          g_clear_error (error);
          r->filled[col->slot] = FALSE;
          g_ptr_array_add (r->fields, col->fallback);
          g_ptr_array_add (r->fields, (gpointer) cohort_import_batch_keep (b, value));
          g_ptr_array_add (r->fields, (gpointer) cohort_import_batch_keep_fold (b, value));
        }
    }
  if (full_name != NULL && !read_full_name (r, full_name, &row, error))
    return FALSE;

  row.first = b->strings->len;
  row.n_tags = r->tags->len / 2;
  row.n_fields = r->fields->len / 3;
  g_ptr_array_extend (b->strings, r->tags, NULL, NULL);
  g_ptr_array_extend (b->strings, r->fields, NULL, NULL);
  g_array_append_val (b->rows, row);
  return TRUE;
}

static gboolean
read_row (CohortStore         *store,
          CohortImportSource  *source,
          char               **cells,
          guint                n,
          gpointer             user_data,
          CohortImportReport  *report,
          GError             **error)
{
  CohortImportReader *r = user_data;
  g_autoptr(GError) local = NULL;

  if (g_atomic_int_get (&r->stop))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "stopped");
      return FALSE;
    }

  if (!read_cells (r, cells, n, cohort_import_source_get_line (source), &local))
    {
      cohort_import_report_row (report, source, "%s", local->message);
      report->rejected++;
      return TRUE;
    }
  if (r->batch->rows->len == COHORT_IMPORT_BATCH_ROWS)
    {
      r->batch->position = cohort_import_source_get_position (source);
      g_async_queue_push (r->full, r->batch);
      r->batch = g_async_queue_pop (r->empty);
    }
  return TRUE;
}

gpointer
cohort_import_read_rows (gpointer data)
{
  CohortImportReader *r = data;
  GError *error = NULL;

  r->batch = g_async_queue_pop (r->empty);
  /* The store is only handed through: this thread never touches it. */
  cohort_import_for_each_row (NULL, r->source, r->n_columns, r->cancellable, read_row, r, r->report, &error);
  r->batch->position = cohort_import_source_get_position (r->source);
  r->batch->last = TRUE;
  r->batch->error = error;
  g_async_queue_push (r->full, g_steal_pointer (&r->batch));
  return NULL;
}
