/* cohort-keep-modules.c — sanitizer builds keep every shared object mapped
 *
 * Copyright 2026 The Cohort developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Compiled only into the AddressSanitizer build of the programs that load
 * GTK. LeakSanitizer looks for leaks after main() returns; by then GTK has
 * closed its display, and EGL has dlclose()d the Mesa driver it loaded
 * (swrast_dri.so, and with it libLLVM and libd3d12). Mesa's software
 * driver leaves a few allocations behind, how many depending on timing and
 * on the machine; once its module is unmapped, LeakSanitizer can only say
 * "<unknown module>", so no suppression can tell that leak from ours.
 *
 * The executable's own dlclose() comes first in every library's symbol
 * lookup, so with this one no module is ever unmapped: a leak inside a
 * driver is then reported with the driver's name, tests/lsan.supp names
 * Mesa's modules, and every leak of our own still fails the run.
 */

int dlclose (void *handle);

__attribute__ ((weak)) int
dlclose (void *handle)
{
  (void) handle;
  return 0;
}
