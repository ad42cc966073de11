/* cohort-cli-private.h — what the cohort-cli command files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gi18n.h>

#include "cohort-error.h"
#include "cohort-export.h"
#include "cohort-import.h"
#include "cohort-recalc.h"
#include "cohort-store.h"

G_BEGIN_DECLS

typedef struct _CohortCli        CohortCli;
typedef struct _CohortCliCommand CohortCliCommand;

/* Runs a command and returns the exit status (SPEC §4). */
typedef int (*CohortCliRunFunc) (CohortCli *cli);

struct _CohortCliCommand
{
  const char       *word;       /* "contacts", "schema" */
  const char       *verb;       /* "import"; NULL for one-word commands */
  const char       *params;     /* positional arguments, for usage lines */
  const char       *summary;    /* untranslated; pass through _() */
  guint             min_args;
  guint             max_args;   /* G_MAXUINT for "…" */
  CohortCliRunFunc  run;
};

#define COHORT_CLI_MANY G_MAXUINT

struct _CohortCli
{
  /* Global options, accepted before or after the command words. */
  char                   *db_path;
  char                   *now;
  char                   *timezone;
  gint64                  now_unix;

  const CohortCliCommand *command;
  char                  **argv;     /* program name + everything but the command words */
  char                  **args;     /* the positional arguments, after cohort_cli_parse() */
  guint                   n_args;

  GTimeZone              *tz;
  CohortStore            *store;
};

/* NULL-terminated (by word) tables, one per command file. */
extern const CohortCliCommand cohort_cli_contacts_commands[];
extern const CohortCliCommand cohort_cli_groups_commands[];
extern const CohortCliCommand cohort_cli_history_commands[];
extern const CohortCliCommand cohort_cli_campaigns_commands[];
extern const CohortCliCommand cohort_cli_outbox_commands[];

/* Parses @entries and the global options. Returns FALSE when the program
 * should end now, with *out_status 0 after --help or 1 on a usage error. */
gboolean     cohort_cli_parse          (CohortCli           *cli,
                                        const GOptionEntry  *entries,
                                        int                 *out_status);
int          cohort_cli_usage_error    (CohortCli           *cli,
                                        const char          *format,
                                        ...) G_GNUC_PRINTF (2, 3);
/* Prints the error on stderr and returns its exit status. */
int          cohort_cli_fail           (const GError        *error);
/* Prints one "cohort-cli: " line on stderr. */
void         cohort_cli_message        (const char          *format,
                                        ...) G_GNUC_PRINTF (1, 2);

/* The database of --db, with --now and --timezone applied; owned by @cli. */
CohortStore *cohort_cli_open_store     (CohortCli           *cli,
                                        GError             **error);

/* Contact ids for @emails; fails on the first unknown one, naming it. */
GArray      *cohort_cli_find_contact_ids (CohortStore        *store,
                                          char              **emails,
                                          guint               n_emails,
                                          GError            **error);

/* Reads FILE, or standard input for "-". */
gboolean     cohort_cli_read_input     (const char          *path,
                                        char               **out_text,
                                        gsize               *out_length,
                                        GError             **error);
/* "csv", "json" or "emails" among @allowed (a NULL-terminated list). */
gboolean     cohort_cli_parse_format   (CohortCli           *cli,
                                        const char          *text,
                                        const char * const  *allowed,
                                        CohortExportFormat  *out_format,
                                        int                 *out_status);
/* @columns as cohort_export_selection() takes them (NULL: all). */
gboolean     cohort_cli_export         (CohortStore            *store,
                                        const CohortSelection  *selection,
                                        CohortExportFormat      format,
                                        const char * const     *columns,
                                        GError                **error);
void         cohort_cli_print_json     (JsonNode            *node);
/* One CSV row on stdout, as exports write them (quoted where needed, with
 * the formula guard of SPEC §6; NULL cells empty). */
void         cohort_cli_print_csv_row  (const char * const  *cells,
                                        guint                n_cells);
/* Prints the counts on stdout and each row message on stderr; the exit
 * status is 2 when a row was rejected. */
int          cohort_cli_print_report   (CohortImportReport  *report);

/* Progress on stderr, only when stderr is a terminal. */
typedef struct
{
  const char *label;
  int         percent;
} CohortCliProgress;

CohortProgressFunc cohort_cli_progress_func (void);
void         cohort_cli_progress_end   (CohortCliProgress   *progress);

G_END_DECLS
