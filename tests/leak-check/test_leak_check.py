#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""LeakSanitizer against a driver that leaks and is closed before exit.

The sanitizer build's UI tests render through Mesa, which leaves a few
allocations behind and is dlclose()d by EGL before LeakSanitizer looks.
These runs show what that does to a report with and without the
sanitizer builds' dlclose() (src/cohort-keep-modules.c), under the project's
own suppressions.
"""

import os
import subprocess
import unittest

CHILD = os.environ["LEAK_CHILD"]
CHILD_UNPINNED = os.environ["LEAK_CHILD_UNPINNED"]
MODULE = os.environ["LEAKY_DRI"]


def run(program, *args):
    env = dict(os.environ)
    env["LSAN_OPTIONS"] = "suppressions=" + os.environ["LSAN_SUPPRESSIONS"]
    env.pop("ASAN_OPTIONS", None)
    done = subprocess.run([program, MODULE, *args], env=env, capture_output=True,
                          text=True, timeout=120)
    return done.returncode, done.stderr


class LeakCheck(unittest.TestCase):

    def test_closed_driver_is_unknown_without_keeping_modules(self):
        """The failure seen on a fresh machine: the frame has no module name,
        so no suppression can apply and the run fails."""
        status, report = run(CHILD_UNPINNED)
        self.assertNotEqual(status, 0, report)
        self.assertIn("496 byte(s)", report)
        self.assertIn("<unknown module>", report)

    def test_driver_leak_is_named_and_suppressed(self):
        status, report = run(CHILD)
        self.assertEqual(status, 0, report)
        self.assertNotIn("ERROR: LeakSanitizer", report)
        # The suppression that matched is listed, with the driver's bytes.
        used = [line for line in report.splitlines() if "_dri.so" in line]
        self.assertEqual(len(used), 1, report)
        self.assertIn("496", used[0])

    def test_our_leak_still_fails(self):
        status, report = run(CHILD, "our-leak")
        self.assertNotEqual(status, 0, report)
        self.assertIn("ERROR: LeakSanitizer", report)
        self.assertIn("64 byte(s)", report)
        self.assertIn("leak_in_our_code", report)
        self.assertNotIn("496 byte(s)", report)


if __name__ == "__main__":
    unittest.main(verbosity=2)
