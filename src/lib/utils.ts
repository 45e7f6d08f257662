import { clsx, type ClassValue } from "clsx";

/**
 * Joins class names (shadcn/ui's `cn`), without tailwind-merge: that would
 * add 8.6 kB to every first visit. So a class passed to a component must
 * not fight one of its own (`h-8` on a Button that has `h-9`): choose a
 * variant or size instead. tests/e2e/classConflicts.test.ts checks every
 * screen's elements with tailwind-merge.
 */
export function cn(...inputs: ClassValue[]) {
  return clsx(inputs);
}
