/**
 * The admin console in a real browser against the local backend: its
 * actions (confirmed in dialogs, finished with toasts), a deleted or unknown
 * user, the admin's own account, 360 px, the viewer's time zone, readable
 * words, and viewing the app as a user.
 */
import type { BrowserContextOptions, Page } from "playwright-core";
import { describe, expect } from "vitest";
import { AUDIT_ACTIONS } from "../../convex/audit";
import {
  addNote,
  appUserByEmail,
  bootstrapAdmin,
  newUser,
  signInInBrowser,
  signUpInBrowser,
  type TestApp,
  textOf,
} from "./support/app";
import { useTestApp } from "./support/journey";

const { journey } = useTestApp();

/** Signs the admin in (in a context with `options`) and opens the console. */
async function openConsole(
  app: TestApp,
  admin: { email: string; password: string },
  options: BrowserContextOptions = {},
): Promise<Page> {
  const context = await app.browser.newContext({
    baseURL: app.url,
    ...options,
  });
  const page = await context.newPage();
  await signInInBrowser(page, admin);
  await page.getByRole("link", { name: "Admin" }).click();
  await page.getByRole("heading", { name: "Audit log" }).waitFor();
  return page;
}

/** Opens a user's detail from the list, found by searching their email. */
async function select(page: Page, email: string) {
  const users = page.getByRole("region", { name: "Users" });
  await users.getByLabel("Search by email").fill(email);
  await users.getByRole("link", { name: email }).click();
  await page.getByRole("heading", { name: email }).waitFor();
}

/** Presses an action's button, then its confirming button in the dialog. */
async function confirmAction(page: Page, action: string) {
  await page.getByRole("button", { name: action }).click();
  const dialog = page.getByRole("alertdialog");
  await dialog.getByRole("button", { name: action }).click();
  await dialog.waitFor({ state: "detached" });
}

describe("admin console", () => {
  journey(
    "deleting the open user shows the list and a toast, not an error page; an unknown user's link is a message",
    async ({ app }) => {
      const admin = await bootstrapAdmin(app);
      const doomed = newUser("doomed");
      const doomedPage = await (
        await app.browser.newContext({ baseURL: app.url })
      ).newPage();
      await signUpInBrowser(app, doomedPage, doomed);
      await doomedPage.context().close();

      const page = await openConsole(app, admin);
      await select(page, doomed.email);
      await confirmAction(page, "Delete user");
      await page.getByText("User deleted").waitFor();
      await expect
        .poll(() => new URL(page.url()).searchParams.get("user"))
        .toBeNull();
      expect(await page.getByText("Something went wrong").count()).toBe(0);
      const users = page.getByRole("region", { name: "Users" });
      await users.getByLabel("Search by email").fill("");
      await users.getByRole("link", { name: admin.email }).waitFor();
      expect(
        await users.getByRole("link", { name: doomed.email }).count(),
      ).toBe(0);
      expect(await appUserByEmail(app, doomed.email)).toBeNull();

      // An old link to them, and one that isn't an id at all.
      const { _id: adminId } = (await appUserByEmail(app, admin.email))!;
      for (const user of [adminId.slice(0, -2) + "zz", "not-an-id"]) {
        await page.goto(`/admin?user=${user}`);
        await expect
          .poll(textOf(page, "detail-missing"))
          .toMatch(/doesn.t exist/);
        expect(await page.getByText("Something went wrong").count()).toBe(0);
      }
      await page.getByRole("button", { name: "Close" }).click();
      await expect
        .poll(() => page.getByTestId("detail-missing").count())
        .toBe(0);
    },
    90_000,
  );

  journey(
    "an admin's own account offers no demote, disable or delete",
    async ({ app }) => {
      const admin = await bootstrapAdmin(app);
      const page = await openConsole(app, admin);
      await select(page, admin.email);
      await page.getByTestId("detail-self").waitFor();
      for (const action of ["Demote to user", "Disable user", "Delete user"])
        expect(await page.getByRole("button", { name: action }).count()).toBe(
          0,
        );
      await page.getByRole("button", { name: "Revoke all sessions" }).waitFor();
    },
  );

  journey(
    "actions are confirmed in a dialog and finished with a toast; the audit log and detail say what happened in words, at the viewer's time",
    async ({ app }) => {
      const admin = await bootstrapAdmin(app);
      const promoted = newUser("promoted");
      const disabled = newUser("disabled");
      const promotedPage = await (
        await app.browser.newContext({ baseURL: app.url })
      ).newPage();
      await signUpInBrowser(app, promotedPage, promoted);
      const disabledPage = await (
        await app.browser.newContext({ baseURL: app.url })
      ).newPage();
      await signUpInBrowser(app, disabledPage, disabled);

      const page = await openConsole(app, admin, {
        locale: "en-US",
        timezoneId: "Asia/Tokyo",
      });
      await select(page, promoted.email);
      expect(await page.getByTestId("detail-methods").textContent()).toBe(
        "Password",
      );
      // Cancel changes nothing.
      await page.getByRole("button", { name: "Promote to admin" }).click();
      await page.getByRole("button", { name: "Cancel" }).click();
      expect(await page.getByTestId("detail-role").textContent()).toBe("user");
      await confirmAction(page, "Promote to admin");
      await page.getByText("User promoted to admin").waitFor();
      await expect.poll(textOf(page, "detail-role")).toBe("admin");
      // Live: the promoted user's open page gains the Admin entry.
      await promotedPage.getByRole("link", { name: "Admin" }).click();
      await promotedPage.getByRole("heading", { name: "Audit log" }).waitFor();

      await select(page, disabled.email);
      await confirmAction(page, "Disable user");
      await page.getByText("User disabled").waitFor();
      await expect.poll(textOf(page, "detail-status")).toBe("disabled");
      // Their open tab is signed out at once, and they can't sign back in.
      await disabledPage.getByRole("heading", { name: "Sign in" }).waitFor();
      await signInInBrowser(disabledPage, disabled);
      await expect
        .poll(() => disabledPage.getByRole("alert").textContent())
        .toMatch(/disabled/);

      const audit = page.getByRole("list", { name: "Audit log" });
      await expect
        .poll(() => audit.textContent())
        .toMatch(new RegExp(`Disabled.*${disabled.email}`));
      expect(await audit.textContent()).toMatch(
        new RegExp(`Made admin.*${promoted.email}`),
      );
      const actions = await audit
        .locator('[data-slot="badge"]')
        .allTextContents();
      expect(actions.filter((a) => AUDIT_ACTIONS.some((c) => c === a))).toEqual(
        [],
      );

      // Times are the viewer's: Tokyo, whatever the machine's zone.
      const entries = await app.backend.run(
        async (ctx) => await ctx.db.query("auditLog").order("desc").take(1),
      );
      const tokyo = new Intl.DateTimeFormat("en-US", {
        dateStyle: "medium",
        timeStyle: "short",
        timeZone: "Asia/Tokyo",
      });
      expect(await audit.locator("time").first().textContent()).toBe(
        tokyo.format(entries[0]._creationTime),
      );
    },
    90_000,
  );

  journey(
    "at 360 px the console fits the screen: the list keeps email, role and status without scrolling sideways",
    async ({ app }) => {
      const admin = await bootstrapAdmin(app);
      const page = await openConsole(app, admin, {
        viewport: { width: 360, height: 740 },
      });
      await select(page, admin.email);
      const users = page.getByRole("region", { name: "Users" });
      for (const column of ["Email", "Role", "Status"])
        expect(
          await users.getByRole("columnheader", { name: column }).isVisible(),
        ).toBe(true);
      expect(
        await users.getByRole("columnheader", { name: "Created" }).isVisible(),
      ).toBe(false);
      const overflow = await page.evaluate(() => ({
        page: document.scrollingElement!.scrollWidth,
        tables: [
          ...document.querySelectorAll('[data-slot="table-container"]'),
        ].map((table) => table.scrollWidth - table.clientWidth),
      }));
      expect(overflow.page).toBeLessThanOrEqual(360);
      expect(overflow.tables).toEqual([0]);
    },
  );

  journey(
    "an admin views the app as a user: their data under a banner, copy that says whose, no account changes, Stop returns to the console, both ends audited in words",
    async ({ app, newContext }) => {
      const admin = await bootstrapAdmin(app);
      const helped = newUser("helped");
      const helpedPage = await (await newContext()).newPage();
      await signUpInBrowser(app, helpedPage, helped);
      await addNote(helpedPage, "my private note");
      // Their own dashboard speaks to them.
      await helpedPage.getByRole("heading", { name: "Your notes" }).waitFor();

      const page = await openConsole(app, admin, {
        locale: "en-US",
        timezoneId: "Asia/Tokyo",
      });
      await select(page, helped.email);
      await confirmAction(page, "View as user");

      // Their dashboard, their data, under a banner that says whose it is.
      const banner = page.getByRole("region", {
        name: "Viewing as another user",
      });
      await expect
        .poll(() => banner.getByTestId("viewing-as").textContent())
        .toContain(helped.email);
      await expect.poll(textOf(page, "me-email")).toBe(helped.email);
      await page.getByText("my private note").waitFor();
      // The copy is about them, not "you".
      await page
        .getByRole("heading", { name: `${helped.name}\u2019s account` })
        .waitFor();
      await page
        .getByRole("heading", { name: `${helped.name}\u2019s notes` })
        .waitFor();
      expect(await page.getByText("Your notes").count()).toBe(0);
      expect(await page.getByText(/^Welcome/).count()).toBe(0);
      expect(await page.getByRole("link", { name: "Admin" }).count()).toBe(0);
      // A reload keeps the view (and its own Convex token, not the admin's).
      await page.reload();
      await expect.poll(textOf(page, "me-email")).toBe(helped.email);
      await banner.waitFor();

      // Account changes are refused, with the reason.
      await page.getByRole("link", { name: "Settings" }).click();
      await page.getByRole("heading", { name: "Account settings" }).waitFor();
      await page
        .getByRole("textbox", { name: "Name", exact: true })
        .fill("Taken over");
      await page.getByRole("button", { name: "Save name" }).click();
      await expect
        .poll(() => page.getByRole("alert").first().textContent())
        .toMatch(/viewing the app as this user/);
      expect((await appUserByEmail(app, helped.email))?.name).toBe(helped.name);

      // Stopped from the dashboard, whose "session ended" check must not
      // take the view's end for the admin's.
      await page.getByRole("link", { name: "Dashboard" }).click();
      await page.getByText("my private note").waitFor();
      await banner.getByRole("button", { name: "Stop viewing" }).click();
      await page.getByRole("heading", { name: "Audit log" }).waitFor();
      await expect.poll(() => banner.count()).toBe(0);
      await expect.poll(textOf(page, "detail-role")).toBe("user");
      const audit = page.getByRole("list", { name: "Audit log" });
      await expect
        .poll(() => audit.textContent())
        .toMatch(new RegExp(`Stopped viewing as user.*${helped.email}`));
      // The view's end, in the viewer's zone (stored as UTC).
      const [start] = await app.backend.run(
        async (ctx) =>
          await ctx.db
            .query("auditLog")
            .filter((q) => q.eq(q.field("action"), "impersonate"))
            .collect(),
      );
      const until = new Intl.DateTimeFormat("en-US", {
        dateStyle: "medium",
        timeStyle: "short",
        timeZone: "Asia/Tokyo",
      }).format(Date.parse(start.details!.replace("until ", "")));
      expect(await audit.textContent()).toContain(
        `Viewed as user · ${helped.email}(until ${until})`,
      );
      // The user's own tab never noticed.
      await helpedPage.getByText("my private note").waitFor();
    },
    90_000,
  );
});
