/* cohort-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>

#include "cohort-error.h"

G_DEFINE_QUARK (cohort-error-quark, cohort_error)

int
cohort_error_exit_status (const GError *error)
{
  if (error == NULL)
    return 0;
  if (error->domain != COHORT_ERROR)
    return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ? 3 : 2;

  switch ((CohortError) error->code)
    {
    case COHORT_ERROR_NOT_FOUND:
      return 3;
    case COHORT_ERROR_DATABASE:
      return 4;
    case COHORT_ERROR_INVALID:
    case COHORT_ERROR_EXISTS:
    case COHORT_ERROR_CANCELLED:
    default:
      return 2;
    }
}
