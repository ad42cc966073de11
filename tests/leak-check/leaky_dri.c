/* leaky_dri.c — a stand-in for a Mesa driver that leaks
 *
 * Copyright 2026 The Cohort developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Named like a DRI driver so that tests/lsan.supp's Mesa templates apply
 * to it; leak-child loads it, calls it and closes it as EGL does.
 */

#include <stdlib.h>

int leaky_dri_init (void);

void *volatile leaky_dri_sink;

int
leaky_dri_init (void)
{
  /* The size of the allocation CI reported from swrast_dri.so. */
  leaky_dri_sink = calloc (1, 496);
  leaky_dri_sink = NULL;
  return 0;
}
