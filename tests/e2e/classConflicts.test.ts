/**
 * `cn()` (src/lib/utils.ts) joins class names without tailwind-merge, which
 * would cost every first visit 8.6 kB: so no element may carry two Tailwind
 * classes for the same property (`h-9 h-8`), whose winner would depend on
 * the stylesheet's order, not on which came last. This visits the app's
 * screens in a real browser and asks tailwind-merge (a dev dependency
 * here) about every element's classes.
 */
import type { Page } from "playwright-core";
import { twMerge } from "tailwind-merge";
import { describe, expect } from "vitest";
import { bootstrapAdmin, signInInBrowser } from "./support/app";
import { useTestApp } from "./support/journey";

const { journey } = useTestApp();

/** Each element's classes that tailwind-merge would drop, by page. */
async function conflicts(page: Page, where: string): Promise<string[]> {
  await page.waitForLoadState("networkidle");
  const classLists = await page.evaluate(() =>
    [...document.querySelectorAll("[class]")].map(
      (element) => element.getAttribute("class") ?? "",
    ),
  );
  return classLists.flatMap((classes) => {
    const kept = new Set(twMerge(classes).split(" "));
    const dropped = classes
      .split(/\s+/)
      .filter((name) => name && !kept.has(name));
    return dropped.length
      ? [`${where}: ${dropped.join(" ")} in "${classes}"`]
      : [];
  });
}

describe("class names", () => {
  journey(
    "no element on the app's screens carries conflicting Tailwind classes",
    async ({ app, newContext }) => {
      const found: string[] = [];
      const guest = await (await newContext()).newPage();
      for (const path of [
        "/sign-in",
        "/sign-up",
        "/forgot-password",
        "/nowhere",
      ]) {
        await guest.goto(path);
        found.push(...(await conflicts(guest, path)));
      }
      await guest.goto("/sign-in");
      await guest.getByRole("button", { name: "Sign in", exact: true }).click();
      found.push(...(await conflicts(guest, "sign-in error")));

      const admin = await bootstrapAdmin(app);
      const page = await (await newContext()).newPage();
      await signInInBrowser(page, admin);
      await page.getByTestId("me-role").waitFor();
      found.push(...(await conflicts(page, "/")));
      const screens = [
        "/settings?section=profile",
        "/settings?section=security",
        "/settings?section=sessions",
        "/settings?section=danger",
        "/team",
        "/admin",
      ];
      for (const path of screens) {
        await page.goto(path);
        found.push(...(await conflicts(page, path)));
      }
      // A confirmation dialog, open.
      await page.goto("/settings?section=danger");
      await page.getByLabel("Password to confirm").fill(admin.password);
      await page.getByRole("button", { name: "Delete my account" }).click();
      await page.getByRole("alertdialog").waitFor();
      found.push(...(await conflicts(page, "delete dialog")));
      expect(found).toEqual([]);
    },
    120_000,
  );
});
