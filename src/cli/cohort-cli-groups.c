/* cohort-cli-groups.c — the "groups" commands
 *
 * What these commands print on stdout is not translated: scripts read it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cohort-cli-private.h"
#include "cohort-scheduler.h"
#include "cohort-text.h"

static const char *
display_input (const char *path)
{
  return g_str_equal (path, "-") ? _("standard input") : path;
}

/* json-glib calls what it parses "<data>": "the condition is not valid
 * JSON: <data>:1:76: Parse error: …" becomes "cond.json:1:76: the condition
 * is not valid JSON: Parse error: …", which editors can jump to. */
static void
name_parse_error (GError     **error,
                  const char  *path)
{
  const char *data = strstr ((*error)->message, "<data>:");
  const char *position, *rest;
  g_autofree char *message = NULL;

  if (data == NULL)
    {
      g_prefix_error (error, "%s: ", display_input (path));
      return;
    }
  position = data + strlen ("<data>:");
  rest = strstr (position, ": ");
  if (rest == NULL)
    {
      g_prefix_error (error, "%s: ", display_input (path));
      return;
    }
  message = g_strdup_printf ("%s:%.*s: %.*s%s", display_input (path), (int) (rest - position), position,
                             (int) (data - (*error)->message), (*error)->message, rest + 2);
  g_free ((*error)->message);
  (*error)->message = g_steal_pointer (&message);
}

/* Reads and validates a condition from FILE or "-"; errors start with the
 * file's name so that "cond.json: rules[0].field: …" says where. */
static CohortCondition *
load_condition (const char  *path,
                GError     **error)
{
  g_autofree char *text = NULL;
  gsize length;
  CohortCondition *condition;

  if (!cohort_cli_read_input (path, &text, &length, error))
    return NULL;
  condition = cohort_condition_parse (text, length, error);
  if (condition == NULL)
    name_parse_error (error, path);
  return condition;
}

/* What the store finds wrong with a condition only in the light of the
 * other groups (an unknown group, a loop) is said at its JSON path: the
 * file it came from goes before it. */
static void
name_condition_error (GError     **error,
                      const char  *path)
{
  if (path != NULL && *error != NULL && g_str_has_prefix ((*error)->message, "rules"))
    g_prefix_error (error, "%s: ", display_input (path));
}

static char *
format_slot (CohortGroup *group)
{
  int minute = cohort_group_get_schedule_minute (group);

  if (!cohort_group_get_scheduled (group) || minute < 0)
    return NULL;
  return g_strdup_printf ("%02d:%02d", minute / 60, minute % 60);
}

static gint64
count_members (CohortStore  *store,
               gint64        group_id,
               GError      **error)
{
  g_autoptr(CohortGroup) group = cohort_store_get_group (store, group_id, error);

  return group != NULL ? cohort_group_get_member_count (group) : -1;
}

static int
groups_create (CohortCli *cli)
{
  g_autofree char *name = NULL;
  g_autofree char *condition_path = NULL;
  g_autofree char *description = NULL;
  g_autofree char *color = NULL;
  gboolean is_static = FALSE;
  gboolean is_dynamic = FALSE;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The name marketers see"), N_("NAME") },
    { "static", 0, 0, G_OPTION_ARG_NONE, &is_static, N_("Members are added by hand"), NULL },
    { "dynamic", 0, 0, G_OPTION_ARG_NONE, &is_dynamic,
      N_("Members are the contacts that match --condition"), NULL },
    { "condition", 0, 0, G_OPTION_ARG_FILENAME, &condition_path,
      N_("The condition as JSON, from a file or - for standard input"), N_("FILE") },
    { "description", 0, 0, G_OPTION_ARG_STRING, &description, N_("A description"), N_("TEXT") },
    { "color", 0, 0, G_OPTION_ARG_STRING, &color, N_("A colour such as #3584e4"), N_("COLOR") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(CohortCondition) condition = NULL;
  g_autoptr(CohortGroup) group = NULL;
  g_autoptr(GError) error = NULL;
  CohortStore *store;
  gint64 n_members;
  int status;

  if (!cohort_cli_parse (cli, entries, &status))
    return status;
  if (name == NULL)
    return cohort_cli_usage_error (cli, _("--name NAME is required"));
  if (is_static == is_dynamic)
    return cohort_cli_usage_error (cli, _("Give either --static or --dynamic"));
  if (is_dynamic && condition_path == NULL)
    return cohort_cli_usage_error (cli, _("--dynamic needs --condition FILE (or - for standard input)"));
  if (is_static && condition_path != NULL)
    return cohort_cli_usage_error (cli, _("A static group has no condition: leave out --condition"));

  if (is_dynamic && (condition = load_condition (condition_path, &error)) == NULL)
    return cohort_cli_fail (error);
  if ((store = cohort_cli_open_store (cli, &error)) == NULL)
    return cohort_cli_fail (error);

  group = cohort_group_new (cli->args[0], name,
                            is_dynamic ? COHORT_GROUP_DYNAMIC : COHORT_GROUP_STATIC);
  cohort_group_set_description (group, description);
  cohort_group_set_color (group, color);
  if (condition != NULL)
    {
      g_autofree char *json = cohort_condition_to_json (condition, FALSE);

      cohort_group_set_condition_json (group, json);
    }

  if (!cohort_store_create_group (store, group, &error))
    {
      name_condition_error (&error, condition_path);
      return cohort_cli_fail (error);
    }
  if ((n_members = count_members (store, cohort_group_get_id (group), &error)) < 0)
    return cohort_cli_fail (error);
  printf ("created %s group %s with %" G_GINT64_FORMAT " members\n",
          cohort_group_kind_to_string (cohort_group_get_kind (group)),
          cohort_group_get_code (group), n_members);
  return 0;
}

static int
groups_set_condition (CohortCli *cli)
{
  const GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr(CohortCondition) condition = NULL;
  g_autoptr(CohortGroup) group = NULL;
  g_autoptr(GError) error = NULL;
  CohortStore *store;
  int status;

  if (!cohort_cli_parse (cli, entries, &status))
    return status;
  if ((condition = load_condition (cli->args[1], &error)) == NULL
      || (store = cohort_cli_open_store (cli, &error)) == NULL
      || (group = cohort_store_find_group (store, cli->args[0], &error)) == NULL)
    return cohort_cli_fail (error);
  if (!cohort_store_set_group_condition (store, cohort_group_get_id (group), condition, &error))
    {
      name_condition_error (&error, cli->args[1]);
      return cohort_cli_fail (error);
    }

  printf ("%s: condition saved, needs recalculation\n", cli->args[0]);
  return 0;
}

static int
change_members (CohortCli *cli,
                gboolean   add)
{
  const GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr(CohortGroup) group = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  CohortStore *store;
  gint64 n_members;
  gboolean done;
  int status;

  if (!cohort_cli_parse (cli, entries, &status))
    return status;
  if ((store = cohort_cli_open_store (cli, &error)) == NULL
      || (group = cohort_store_find_group (store, cli->args[0], &error)) == NULL
      || (ids = cohort_cli_find_contact_ids (store, cli->args + 1, cli->n_args - 1, &error)) == NULL)
    return cohort_cli_fail (error);

  if (add)
    done = cohort_store_add_members (store, cohort_group_get_id (group),
                                     (const gint64 *) ids->data, ids->len, &error);
  else
    done = cohort_store_remove_members (store, cohort_group_get_id (group),
                                        (const gint64 *) ids->data, ids->len, &error);
  if (!done || (n_members = count_members (store, cohort_group_get_id (group), &error)) < 0)
    return cohort_cli_fail (error);

  printf ("%s: %" G_GINT64_FORMAT " members\n", cli->args[0], n_members);
  return 0;
}

static int
groups_add (CohortCli *cli)
{
  return change_members (cli, TRUE);
}

static int
groups_remove (CohortCli *cli)
{
  return change_members (cli, FALSE);
}

static int
change_account (CohortCli *cli,
                gboolean   add)
{
  const GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr(CohortGroup) group = NULL;
  g_autoptr(CohortAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  CohortStore *store;
  gint64 group_id;
  gint64 n_members;
  gboolean done;
  int status;

  if (!cohort_cli_parse (cli, entries, &status))
    return status;
  if ((store = cohort_cli_open_store (cli, &error)) == NULL
      || (group = cohort_store_find_group (store, cli->args[0], &error)) == NULL
      || (account = cohort_store_find_account (store, cli->args[1], &error)) == NULL)
    return cohort_cli_fail (error);

  group_id = cohort_group_get_id (group);
  if (add)
    done = cohort_store_add_group_account (store, group_id, cohort_account_get_id (account), &error);
  else
    done = cohort_store_remove_group_account (store, group_id, cohort_account_get_id (account), &error);
  if (!done || (n_members = count_members (store, group_id, &error)) < 0)
    return cohort_cli_fail (error);

  printf ("%s: %" G_GINT64_FORMAT " members\n", cli->args[0], n_members);
  return 0;
}

static int
groups_add_account (CohortCli *cli)
{
  return change_account (cli, TRUE);
}

static int
groups_remove_account (CohortCli *cli)
{
  return change_account (cli, FALSE);
}

typedef enum
{
  RECALC_NAMED,
  RECALC_ALL,
  RECALC_DUE,
} RecalcMode;

/* The groups named on the command line, every dynamic group, or the
 * groups whose scheduled slot is due. */
static GPtrArray *
groups_to_recalculate (CohortCli    *cli,
                       CohortStore  *store,
                       RecalcMode    mode,
                       GError      **error)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) every = NULL;
  g_autoptr(GArray) due = NULL;

  switch (mode)
    {
    case RECALC_NAMED:
      for (guint i = 0; i < cli->n_args; i++)
        {
          CohortGroup *group = cohort_store_find_group (store, cli->args[i], error);

          if (group == NULL)
            return NULL;
          g_ptr_array_add (groups, group);
        }
      break;

    case RECALC_ALL:
      if ((every = cohort_store_list_groups (store, error)) == NULL)
        return NULL;
      for (guint i = 0; i < every->len; i++)
        {
          CohortGroup *group = g_ptr_array_index (every, i);

          if (cohort_group_get_kind (group) == COHORT_GROUP_DYNAMIC)
            g_ptr_array_add (groups, g_object_ref (group));
        }
      break;

    case RECALC_DUE:
      due = cohort_scheduler_list_due (store, cohort_store_get_now (store), cli->tz, error);
      if (due == NULL)
        return NULL;
      for (guint i = 0; i < due->len; i++)
        {
          CohortGroup *group = cohort_store_get_group (store, g_array_index (due, gint64, i), error);

          if (group == NULL)
            return NULL;
          g_ptr_array_add (groups, group);
        }
      break;

    default:
      g_assert_not_reached ();
    }
  return g_steal_pointer (&groups);
}

static int
groups_recalc (CohortCli *cli)
{
  gboolean all = FALSE;
  gboolean due = FALSE;
  const GOptionEntry entries[] = {
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Recalculate every dynamic group"), NULL },
    { "due", 0, 0, G_OPTION_ARG_NONE, &due,
      N_("Recalculate the scheduled groups whose daily slot has passed"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GError) error = NULL;
  CohortStore *store;
  RecalcMode mode;
  int status;

  if (!cohort_cli_parse (cli, entries, &status))
    return status;
  if (all + due + (cli->n_args > 0) != 1)
    return cohort_cli_usage_error (cli, _("Give group code names, --all or --due"));
  mode = all ? RECALC_ALL : due ? RECALC_DUE : RECALC_NAMED;
  if ((store = cohort_cli_open_store (cli, &error)) == NULL
      || (groups = groups_to_recalculate (cli, store, mode, &error)) == NULL)
    return cohort_cli_fail (error);

  for (guint i = 0; i < groups->len; i++)
    {
      CohortGroup *group = g_ptr_array_index (groups, i);
      gint64 group_id = cohort_group_get_id (group);
      g_autofree char *label = g_strdup_printf (_("recalculating %s…"), cohort_group_get_code (group));
      CohortCliProgress progress = { label, -1 };
      gint64 slot = 0;
      gint64 added = 0;
      gint64 removed = 0;
      gboolean done;

      if (mode == RECALC_DUE)
        slot = cohort_schedule_due_slot (group, cohort_store_get_now (store), cli->tz);
      done = cohort_store_recalculate_group (store, group_id, NULL,
                                             cohort_cli_progress_func (), &progress,
                                             &added, &removed, &error);
      cohort_cli_progress_end (&progress);
      if (!done
          || (slot > 0 && !cohort_store_set_group_schedule_last_run (store, group_id, slot, &error)))
        return cohort_cli_fail (error);
      printf ("%s: +%" G_GINT64_FORMAT " -%" G_GINT64_FORMAT "\n",
              cohort_group_get_code (group), added, removed);
    }
  return 0;
}

static int
groups_schedule (CohortCli *cli)
{
  const GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr(CohortGroup) group = NULL;
  g_autoptr(CohortGroup) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *slot = NULL;
  CohortStore *store;
  gboolean on;
  int status;

  if (!cohort_cli_parse (cli, entries, &status))
    return status;
  if (g_str_equal (cli->args[1], "on"))
    on = TRUE;
  else if (g_str_equal (cli->args[1], "off"))
    on = FALSE;
  else
    return cohort_cli_usage_error (cli, _("“%s” is neither on nor off"), cli->args[1]);

  if ((store = cohort_cli_open_store (cli, &error)) == NULL
      || (group = cohort_store_find_group (store, cli->args[0], &error)) == NULL
      || !cohort_store_set_group_schedule (store, cohort_group_get_id (group), on, NULL, &error)
      || (saved = cohort_store_get_group (store, cohort_group_get_id (group), &error)) == NULL)
    return cohort_cli_fail (error);

  slot = format_slot (saved);
  if (slot != NULL)
    printf ("%s: scheduled daily at %s\n", cli->args[0], slot);
  else
    printf ("%s: not scheduled\n", cli->args[0]);
  return 0;
}

static int
groups_delete (CohortCli *cli)
{
  const GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr(CohortGroup) group = NULL;
  g_autoptr(GError) error = NULL;
  CohortStore *store;
  int status;

  if (!cohort_cli_parse (cli, entries, &status))
    return status;
  if ((store = cohort_cli_open_store (cli, &error)) == NULL
      || (group = cohort_store_find_group (store, cli->args[0], &error)) == NULL
      || !cohort_store_delete_group (store, cohort_group_get_id (group), &error))
    return cohort_cli_fail (error);

  printf ("deleted group %s\n", cli->args[0]);
  return 0;
}

static int
copy_or_freeze (CohortCli *cli,
                gboolean   freeze)
{
  g_autofree char *name = NULL;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The new group’s name"), N_("NAME") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(CohortGroup) group = NULL;
  g_autoptr(CohortGroup) created = NULL;
  g_autoptr(GError) error = NULL;
  CohortStore *store;
  gint64 id = 0;
  gboolean done;
  int status;

  if (!cohort_cli_parse (cli, entries, &status))
    return status;
  if ((store = cohort_cli_open_store (cli, &error)) == NULL
      || (group = cohort_store_find_group (store, cli->args[0], &error)) == NULL)
    return cohort_cli_fail (error);
  if (freeze)
    done = cohort_store_freeze_group (store, cohort_group_get_id (group), cli->args[1], name, &id, &error);
  else
    done = cohort_store_copy_group (store, cohort_group_get_id (group), cli->args[1], name, &id, &error);
  if (!done || (created = cohort_store_get_group (store, id, &error)) == NULL)
    return cohort_cli_fail (error);

  printf ("%s %s into %s group %s with %" G_GINT64_FORMAT " members\n",
          freeze ? "froze" : "copied", cli->args[0],
          cohort_group_kind_to_string (cohort_group_get_kind (created)), cli->args[1],
          cohort_group_get_member_count (created));
  return 0;
}

static int
groups_copy (CohortCli *cli)
{
  return copy_or_freeze (cli, FALSE);
}

static int
groups_freeze (CohortCli *cli)
{
  return copy_or_freeze (cli, TRUE);
}

static int
groups_merge (CohortCli *cli)
{
  const GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr(CohortGroup) into = NULL;
  g_autoptr(CohortGroup) from = NULL;
  g_autoptr(GError) error = NULL;
  CohortStore *store;
  gint64 joined = 0;
  gint64 n_members;
  int status;

  if (!cohort_cli_parse (cli, entries, &status))
    return status;
  if ((store = cohort_cli_open_store (cli, &error)) == NULL
      || (into = cohort_store_find_group (store, cli->args[0], &error)) == NULL
      || (from = cohort_store_find_group (store, cli->args[1], &error)) == NULL
      || !cohort_store_merge_groups (store, cohort_group_get_id (into), cohort_group_get_id (from),
                                     &joined, &error)
      || (n_members = count_members (store, cohort_group_get_id (into), &error)) < 0)
    return cohort_cli_fail (error);

  printf ("merged %s into %s: %" G_GINT64_FORMAT " joined, %" G_GINT64_FORMAT " members; deleted group %s\n",
          cli->args[1], cli->args[0], joined, n_members, cli->args[1]);
  return 0;
}

static int
set_archived (CohortCli *cli,
              gboolean   archived)
{
  const GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr(CohortGroup) group = NULL;
  g_autoptr(GError) error = NULL;
  CohortStore *store;
  int status;

  if (!cohort_cli_parse (cli, entries, &status))
    return status;
  if ((store = cohort_cli_open_store (cli, &error)) == NULL
      || (group = cohort_store_find_group (store, cli->args[0], &error)) == NULL
      || !cohort_store_set_group_archived (store, cohort_group_get_id (group), archived, &error))
    return cohort_cli_fail (error);

  printf ("%s group %s (%" G_GINT64_FORMAT " members)\n", archived ? "archived" : "restored",
          cli->args[0], cohort_group_get_member_count (group));
  return 0;
}

static int
groups_archive (CohortCli *cli)
{
  return set_archived (cli, TRUE);
}

static int
groups_restore (CohortCli *cli)
{
  return set_archived (cli, FALSE);
}

static int
groups_members (CohortCli *cli)
{
  static const char * const formats[] = { "emails", "csv", "json", NULL };
  g_autofree char *format_name = NULL;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name,
      N_("emails (one a line, the default), csv or json"), N_("FORMAT") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(CohortGroup) group = NULL;
  g_autoptr(CohortSelection) selection = cohort_selection_new ();
  g_autoptr(GError) error = NULL;
  CohortExportFormat format;
  CohortStore *store;
  int status;

  if (!cohort_cli_parse (cli, entries, &status)
      || !cohort_cli_parse_format (cli, format_name != NULL ? format_name : "emails",
                                   formats, &format, &status))
    return status;
  if ((store = cohort_cli_open_store (cli, &error)) == NULL
      || (group = cohort_store_find_group (store, cli->args[0], &error)) == NULL)
    return cohort_cli_fail (error);
  cohort_selection_set_group (selection, cohort_group_get_id (group));
  if (!cohort_cli_export (store, selection, format, NULL, &error))
    return cohort_cli_fail (error);
  return 0;
}

static int
groups_explain (CohortCli *cli)
{
  const GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr(CohortGroup) group = NULL;
  g_autoptr(CohortContact) contact = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  CohortStore *store;
  int status;

  if (!cohort_cli_parse (cli, entries, &status))
    return status;
  if ((store = cohort_cli_open_store (cli, &error)) == NULL
      || (group = cohort_store_find_group (store, cli->args[0], &error)) == NULL
      || (contact = cohort_store_find_contact (store, cli->args[1], &error)) == NULL
      || (lines = cohort_store_explain (store, cohort_group_get_id (group),
                                        cohort_contact_get_id (contact), &error)) == NULL)
    return cohort_cli_fail (error);

  for (guint i = 0; i < lines->len; i++)
    {
      CohortExplainLine *line = g_ptr_array_index (lines, i);

      printf ("%*s%-5s %s", (int) line->depth * 2, "",
              line->result ? "true" : "false", line->description);
      if (line->path[0] != '\0')
        printf ("  [%s]", line->path);
      printf ("\n");
    }
  return 0;
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static JsonNode *
group_to_json (CohortGroup  *group,
               gint64        next_run,
               GPtrArray    *accounts)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *slot = format_slot (group);
  g_autofree char *next = next_run > 0 ? cohort_datetime_format (next_run) : NULL;
  g_autofree char *last = NULL;
  g_autofree char *created = NULL;
  g_autofree char *archived = NULL;
  const char *condition_json = cohort_group_get_condition_json (group);
  JsonNode *condition = NULL;

  if (cohort_group_get_last_recalculated_at (group) > 0)
    last = cohort_datetime_format (cohort_group_get_last_recalculated_at (group));
  if (cohort_group_get_created_at (group) > 0)
    created = cohort_datetime_format (cohort_group_get_created_at (group));
  if (cohort_group_get_archived_at (group) > 0)
    archived = cohort_datetime_format (cohort_group_get_archived_at (group));
  if (condition_json != NULL)
    condition = json_from_string (condition_json, NULL);

  json_builder_begin_object (builder);
  add_string_member (builder, "code", cohort_group_get_code (group));
  add_string_member (builder, "name", cohort_group_get_name (group));
  add_string_member (builder, "kind", cohort_group_kind_to_string (cohort_group_get_kind (group)));
  json_builder_set_member_name (builder, "members");
  json_builder_add_int_value (builder, cohort_group_get_member_count (group));
  json_builder_set_member_name (builder, "needs_recalculation");
  json_builder_add_boolean_value (builder, cohort_group_get_needs_recalculation (group));
  add_string_member (builder, "description", cohort_group_get_description (group));
  add_string_member (builder, "color", cohort_group_get_color (group));
  json_builder_set_member_name (builder, "scheduled");
  json_builder_add_boolean_value (builder, cohort_group_get_scheduled (group));
  add_string_member (builder, "schedule_time", slot);
  add_string_member (builder, "next_run", next);
  add_string_member (builder, "last_recalculated_at", last);
  add_string_member (builder, "created_at", created);
  json_builder_set_member_name (builder, "archived");
  json_builder_add_boolean_value (builder, cohort_group_get_archived_at (group) > 0);
  add_string_member (builder, "archived_at", archived);
  json_builder_set_member_name (builder, "condition");
  if (condition != NULL)
    json_builder_add_value (builder, condition);
  else
    json_builder_add_null_value (builder);
  if (accounts != NULL)
    {
      json_builder_set_member_name (builder, "accounts");
      json_builder_begin_array (builder);
      for (guint i = 0; i < accounts->len; i++)
        json_builder_add_string_value (builder,
                                       cohort_account_get_name (g_ptr_array_index (accounts, i)));
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static int
groups_list (CohortCli *cli)
{
  gboolean as_json = FALSE;
  gboolean archived_only = FALSE;
  gboolean all = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON"), NULL },
    { "archived", 0, 0, G_OPTION_ARG_NONE, &archived_only, N_("List only the archived groups"), NULL },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("List the archived groups too"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GError) error = NULL;
  CohortStore *store;
  int width = (int) strlen ("CODE");
  int status;

  if (!cohort_cli_parse (cli, entries, &status))
    return status;
  if (archived_only && all)
    return cohort_cli_usage_error (cli, _("Give either --archived or --all"));
  if ((store = cohort_cli_open_store (cli, &error)) == NULL
      || (groups = cohort_store_list_groups_full (store, archived_only || all, &error)) == NULL)
    return cohort_cli_fail (error);
  if (archived_only)
    for (guint i = groups->len; i > 0; i--)
      if (cohort_group_get_archived_at (g_ptr_array_index (groups, i - 1)) == 0)
        g_ptr_array_remove_index (groups, i - 1);

  if (as_json)
    {
      g_autoptr(JsonNode) array = json_node_new (JSON_NODE_ARRAY);

      json_node_take_array (array, json_array_sized_new (groups->len));
      for (guint i = 0; i < groups->len; i++)
        {
          CohortGroup *group = g_ptr_array_index (groups, i);
          gint64 next_run = cohort_schedule_next_slot (group, cohort_store_get_now (store), cli->tz);

          json_array_add_element (json_node_get_array (array),
                                  group_to_json (group, next_run, NULL));
        }
      cohort_cli_print_json (array);
      return 0;
    }

  for (guint i = 0; i < groups->len; i++)
    width = MAX (width, (int) strlen (cohort_group_get_code (g_ptr_array_index (groups, i))));
  printf ("%-*s  %-7s  %7s  %-6s  %s\n", width, "CODE", "KIND", "MEMBERS", "RECALC", "NAME");
  for (guint i = 0; i < groups->len; i++)
    {
      CohortGroup *group = g_ptr_array_index (groups, i);

      printf ("%-*s  %-7s  %7" G_GINT64_FORMAT "  %-6s  %s%s\n", width,
              cohort_group_get_code (group),
              cohort_group_kind_to_string (cohort_group_get_kind (group)),
              cohort_group_get_member_count (group),
              cohort_group_get_needs_recalculation (group) ? "yes" : "no",
              cohort_group_get_name (group),
              cohort_group_get_archived_at (group) > 0 ? " (archived)" : "");
    }
  return 0;
}

static void
print_field (const char *label,
             const char *value)
{
  if (value != NULL && value[0] != '\0')
    printf ("%-20s %s\n", label, value);
  else
    printf ("%s\n", label);
}

/* Times people read are shown in the zone of --timezone, with the offset. */
static char *
format_local_time (gint64     unix_time,
                   GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (unix_time <= 0 || (utc = g_date_time_new_from_unix_utc (unix_time)) == NULL)
    return NULL;
  local = g_date_time_to_timezone (utc, tz);
  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S %:z");
}

static void
print_group (CohortGroup *group,
             gint64       next_run,
             GPtrArray   *accounts,
             GTimeZone   *tz)
{
  const char *condition_json = cohort_group_get_condition_json (group);
  g_autofree char *members = g_strdup_printf ("%" G_GINT64_FORMAT,
                                              cohort_group_get_member_count (group));
  g_autofree char *slot = format_slot (group);
  g_autofree char *schedule = slot != NULL ? g_strdup_printf ("daily at %s", slot) : NULL;
  g_autofree char *next = format_local_time (next_run, tz);
  g_autofree char *last = format_local_time (cohort_group_get_last_recalculated_at (group), tz);
  g_autofree char *created = format_local_time (cohort_group_get_created_at (group), tz);
  g_autofree char *archived = format_local_time (cohort_group_get_archived_at (group), tz);

  print_field ("code:", cohort_group_get_code (group));
  print_field ("name:", cohort_group_get_name (group));
  print_field ("kind:", cohort_group_kind_to_string (cohort_group_get_kind (group)));
  print_field ("description:", cohort_group_get_description (group));
  print_field ("color:", cohort_group_get_color (group));
  print_field ("members:", members);
  print_field ("needs recalculation:", cohort_group_get_needs_recalculation (group) ? "yes" : "no");
  print_field ("schedule:", schedule != NULL ? schedule : "off");
  if (next != NULL)
    print_field ("next run:", next);
  print_field ("last recalculated:", last != NULL ? last : "never");
  print_field ("created:", created);
  if (archived != NULL)
    print_field ("archived:", archived);
  if (accounts != NULL)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < accounts->len; i++)
        g_string_append_printf (names, "%s%s", i > 0 ? ", " : "",
                                cohort_account_get_name (g_ptr_array_index (accounts, i)));
      print_field ("accounts:", names->str);
    }
  if (condition_json != NULL)
    {
      g_autoptr(JsonNode) condition = json_from_string (condition_json, NULL);

      printf ("condition:\n");
      if (condition != NULL)
        cohort_cli_print_json (condition);
    }
}

static int
groups_show (CohortCli *cli)
{
  gboolean as_json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(CohortGroup) group = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;
  CohortStore *store;
  gint64 next_run;
  int status;

  if (!cohort_cli_parse (cli, entries, &status))
    return status;
  if ((store = cohort_cli_open_store (cli, &error)) == NULL
      || (group = cohort_store_find_group (store, cli->args[0], &error)) == NULL)
    return cohort_cli_fail (error);
  next_run = cohort_schedule_next_slot (group, cohort_store_get_now (store), cli->tz);
  if (cohort_group_get_kind (group) == COHORT_GROUP_STATIC
      && (accounts = cohort_store_list_group_accounts (store, cohort_group_get_id (group),
                                                       &error)) == NULL)
    return cohort_cli_fail (error);

  if (as_json)
    {
      g_autoptr(JsonNode) node = group_to_json (group, next_run, accounts);

      cohort_cli_print_json (node);
    }
  else
    {
      print_group (group, next_run, accounts, cli->tz);
    }
  return 0;
}

const CohortCliCommand cohort_cli_groups_commands[] = {
  { "groups", "create", "CODE --name NAME (--static | --dynamic --condition FILE|-)",
    N_("Create a static or dynamic group"), 1, 1, groups_create },
  { "groups", "set-condition", "CODE FILE|-",
    N_("Replace a dynamic group’s condition (the group then needs recalculation)"),
    2, 2, groups_set_condition },
  { "groups", "add", "CODE EMAIL…",
    N_("Add contacts to a static group"), 2, COHORT_CLI_MANY, groups_add },
  { "groups", "remove", "CODE EMAIL…",
    N_("Remove contacts from a static group"), 2, COHORT_CLI_MANY, groups_remove },
  { "groups", "add-account", "CODE ACCOUNT_NAME",
    N_("Make every contact of an account a member of a static group"), 2, 2,
    groups_add_account },
  { "groups", "remove-account", "CODE ACCOUNT_NAME",
    N_("Undo add-account"), 2, 2, groups_remove_account },
  { "groups", "recalc", "CODE… | --all | --due",
    N_("Recalculate dynamic groups now"), 0, COHORT_CLI_MANY, groups_recalc },
  { "groups", "schedule", "CODE on|off",
    N_("Turn the daily recalculation on or off"), 2, 2, groups_schedule },
  { "groups", "delete", "CODE",
    N_("Delete a group (its contacts stay)"), 1, 1, groups_delete },
  { "groups", "copy", "CODE NEW_CODE [--name NAME]",
    N_("Make a new group with the same settings and members"), 2, 2, groups_copy },
  { "groups", "freeze", "CODE NEW_CODE [--name NAME]",
    N_("Make a dynamic group’s current members a new static group"), 2, 2, groups_freeze },
  { "groups", "merge", "INTO FROM",
    N_("Add the members of static group FROM to static group INTO, then delete FROM"),
    2, 2, groups_merge },
  { "groups", "archive", "CODE",
    N_("Hide a group from lists and pickers; it keeps its members"), 1, 1, groups_archive },
  { "groups", "restore", "CODE",
    N_("Undo archive"), 1, 1, groups_restore },
  { "groups", "members", "CODE [--format emails|csv|json]",
    N_("Write a group’s members to standard output"), 1, 1, groups_members },
  { "groups", "explain", "CODE EMAIL",
    N_("Show which parts of the condition a contact meets"), 2, 2, groups_explain },
  { "groups", "list", "[--json] [--archived | --all]",
    N_("List the groups"), 0, 0, groups_list },
  { "groups", "show", "CODE [--json]",
    N_("Show everything about one group"), 1, 1, groups_show },
  { NULL }
};
