/* cohort-error.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define COHORT_ERROR (cohort_error_quark ())

/* Each code maps to one cohort-cli exit status (SPEC §4). */
typedef enum
{
  COHORT_ERROR_INVALID = 1,   /* bad input: a file, a value, a condition (exit 2) */
  COHORT_ERROR_NOT_FOUND,     /* no such contact, group or account (exit 3) */
  COHORT_ERROR_EXISTS,        /* a unique name is taken (exit 2) */
  COHORT_ERROR_DATABASE,      /* SQLite failed, locked, corrupt or too new (exit 4) */
  COHORT_ERROR_CANCELLED,     /* the user cancelled; nothing changed */
} CohortError;

GQuark cohort_error_quark (void);
int    cohort_error_exit_status (const GError *error);

G_END_DECLS
