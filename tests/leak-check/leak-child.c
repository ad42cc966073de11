/* leak-child.c — loads a leaking module, closes it, and maybe leaks itself
 *
 * Copyright 2026 The Cohort developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: leak-child MODULE [our-leak]
 *
 * Built twice: with the sanitizer builds' dlclose() of
 * src/cohort-keep-modules.c, as every GTK program of ours is, and without
 * it. test_leak_check.py reads what LeakSanitizer says of each.
 */

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *volatile leak_child_sink;

static void __attribute__ ((noinline))
leak_in_our_code (void)
{
  leak_child_sink = malloc (64);
  leak_child_sink = NULL;
}

int
main (int argc, char **argv)
{
  void *module;
  int (*init) (void);

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s MODULE [our-leak]\n", argv[0]);
      return 2;
    }

  module = dlopen (argv[1], RTLD_NOW | RTLD_LOCAL);
  if (module == NULL)
    {
      fprintf (stderr, "%s\n", dlerror ());
      return 2;
    }
  init = (int (*) (void)) dlsym (module, "leaky_dri_init");
  if (init == NULL)
    {
      fprintf (stderr, "%s\n", dlerror ());
      return 2;
    }
  init ();
  dlclose (module);

  if (argc > 2 && strcmp (argv[2], "our-leak") == 0)
    leak_in_our_code ();

  return 0;
}
