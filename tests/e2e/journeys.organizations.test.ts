/**
 * Organizations in a real browser against the local backend: invitations
 * by email (to a new person and to an existing user), the header's
 * switcher, roles, removal, ownership and deletion, each seen live in the
 * other person's open tab. The rules themselves: tests/organizations*.test.ts.
 */
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect } from "vitest";
import { components } from "../../convex/_generated/api";
import {
  membersOf,
  organizationBySlug,
} from "../../convex/model/organizations";
import { authRows } from "../support/backend";
import {
  latestEmail,
  openEmailedLink,
  newUser,
  signUpInBrowser,
  textOf,
  type TestApp,
} from "./support/app";
import { useTestApp } from "./support/journey";

const { journey } = useTestApp();

type User = ReturnType<typeof newUser>;
type Person = { user: User; page: Page; context: BrowserContext };

/** A new user signed in on their own browser profile, on the dashboard. */
async function person(
  app: TestApp,
  newContext: () => Promise<BrowserContext>,
  prefix: string,
): Promise<Person> {
  const context = await newContext();
  const page = await context.newPage();
  const user = newUser(prefix);
  await signUpInBrowser(app, page, user);
  return { user, page, context };
}

/** Signs in with a password on the sign-in page about to open. */
async function submitSignIn(page: Page, user: User) {
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** The toast that confirms a finished action. */
async function expectToast(page: Page, text: string) {
  await page.locator("[data-sonner-toast]").filter({ hasText: text }).waitFor();
}

async function openTeam(page: Page) {
  await page.getByRole("link", { name: "Team", exact: true }).click();
  await page.getByRole("heading", { level: 1 }).waitFor();
}

/** Creates an organization from /team (no active one, or `?create`). */
async function createOrganization(page: Page, name: string) {
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Create organization" }).click();
  await page.getByRole("heading", { level: 1, name }).waitFor();
}

async function addProject(page: Page, name: string) {
  await page.getByLabel("Project name").fill(name);
  await page.getByRole("button", { name: "Add project" }).click();
  await page.getByRole("list", { name: "Projects" }).getByText(name).waitFor();
}

/** The project names on screen; [] while the list isn't there. */
function projectsOn(page: Page) {
  return () =>
    page
      .getByRole("list", { name: "Projects" })
      .getByRole("listitem")
      .allTextContents();
}

async function invite(page: Page, email: string, role = "member") {
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption(role);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expectToast(page, `Invitation sent to ${email}`);
}

/** Joins from /team's "Your invitations": how these tests add members. */
async function join(page: Page, orgName: string) {
  await openTeam(page);
  await page.getByRole("button", { name: `Join ${orgName}` }).click();
  await page.getByRole("heading", { level: 1, name: orgName }).waitFor();
}

/**
 * An owner's organization with one project and the given members, each
 * (owner too) with a tab open on /team.
 */
async function team(
  app: TestApp,
  newContext: () => Promise<BrowserContext>,
  orgName: string,
  roles: ("member" | "admin")[],
) {
  const owner = await person(app, newContext, "owner");
  await openTeam(owner.page);
  await createOrganization(owner.page, orgName);
  await addProject(owner.page, `${orgName} roadmap`);
  const members: Person[] = [];
  for (const role of roles) {
    const member = await person(app, newContext, role);
    await invite(owner.page, member.user.email, role);
    await join(member.page, orgName);
    members.push(member);
  }
  return { owner, members };
}

/** The header switcher's chosen option. */
function chosenOrganization(page: Page) {
  return () =>
    page
      .getByLabel("Organization", { exact: true })
      .evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.text)
      .catch(() => null);
}

/** The no-organization state of /team. */
async function expectNoOrganization(page: Page) {
  await page
    .getByRole("heading", { level: 1, name: "Organizations" })
    .waitFor();
  await page.getByRole("button", { name: "Create organization" }).waitFor();
  expect(await page.getByRole("list", { name: "Projects" }).count()).toBe(0);
  await expect.poll(chosenOrganization(page)).toBe("No organization");
}

async function invitationRow(app: TestApp, id: string) {
  return (await app.backend.run(
    async (ctx) =>
      await ctx.runQuery(components.betterAuth.adapter.findOne, {
        model: "invitation",
        where: [{ field: "_id", value: id }],
      }),
  )) as { status: string; role: string; inviterId: string } | null;
}

async function storedMembers(app: TestApp, slug: string) {
  return await app.backend.run(async (ctx) => {
    const org = await organizationBySlug(ctx, slug);
    return org ? await membersOf(ctx, org._id) : null;
  });
}

async function authIdOf(app: TestApp, email: string) {
  const users = await authRows(app.backend, "user");
  return users.find((user) => user.email === email)!._id;
}

/** Marks the document, to tell later that no reload happened. */
async function markDocument(page: Page) {
  await page.evaluate(() => Object.assign(window, { unreloaded: true }));
  return async () =>
    await page.evaluate(
      () => (window as unknown as { unreloaded?: boolean }).unreloaded === true,
    );
}

/** Every page heading (h1) the page shows from now on, in order. */
async function recordHeadings(page: Page) {
  await page.evaluate(() => {
    const seen: string[] = [];
    Object.assign(window, { seenHeadings: seen });
    new MutationObserver(() => {
      const heading = document.querySelector("h1")?.textContent;
      if (heading && seen.at(-1) !== heading) seen.push(heading);
    }).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  });
  return () =>
    page.evaluate(
      () => (window as unknown as { seenHeadings: string[] }).seenHeadings,
    );
}

function invitationIdOf(link: string) {
  return decodeURIComponent(new URL(link).pathname.split("/").pop()!);
}

describe("organizations in the browser", () => {
  journey(
    "a new person invited by email signs up from the link, comes back to it through the verification email, accepts and sees the shared project",
    async ({ app, newContext }) => {
      const owner = await person(app, newContext, "owner");
      await openTeam(owner.page);
      await owner.page
        .getByRole("heading", { level: 1, name: "Organizations" })
        .waitFor();
      await createOrganization(owner.page, "Acme Rockets");
      await expect.poll(textOf(owner.page, "org-role")).toBe("Owner");
      await expect.poll(chosenOrganization(owner.page)).toBe("Acme Rockets");
      await addProject(owner.page, "Launch plan");

      const newcomer = newUser("newcomer");
      await invite(owner.page, newcomer.email);
      const pending = owner.page.getByRole("list", {
        name: "Pending invitations",
      });
      await pending.getByText(newcomer.email).waitFor();
      const email = await latestEmail(app, newcomer.email);
      expect(email.subject).toBe("You're invited to join an organization");
      const link = new URL(email.link);
      expect(link.origin).toBe(app.url);
      const invitationId = invitationIdOf(email.link);

      // Signed out, in their own browser.
      const context = await newContext();
      const page = await context.newPage();
      await page.goto(email.link);
      await page
        .getByRole("heading", { level: 1, name: "Join Acme Rockets" })
        .waitFor();
      await page.getByRole("link", { name: "Sign in" }).waitFor();
      await page.getByRole("link", { name: "Create an account" }).click();
      await page
        .getByRole("heading", { name: "Create your account" })
        .waitFor();
      await page.getByLabel("Name").fill(newcomer.name);
      await page.getByLabel("Email").fill(newcomer.email);
      await page
        .getByLabel("Password", { exact: true })
        .fill(newcomer.password);
      await page.getByRole("button", { name: "Sign up" }).click();
      await page.getByTestId("sign-up-sent").waitFor();

      // The verification email, opened from the mail app: a new tab.
      await expect
        .poll(async () => (await latestEmail(app, newcomer.email)).subject)
        .toBe("Verify your email address");
      const tab = await context.newPage();
      await openEmailedLink(tab, (await latestEmail(app, newcomer.email)).link);
      await tab.getByRole("button", { name: "Accept invitation" }).waitFor();
      expect(new URL(tab.url()).pathname).toBe(link.pathname);
      expect(await tab.getByText("You're invited to join").textContent()).toBe(
        "You're invited to join Acme Rockets as a member.",
      );
      const headings = await recordHeadings(tab);
      await tab.getByRole("button", { name: "Accept invitation" }).click();
      await expectToast(tab, "You joined Acme Rockets");

      await tab
        .getByRole("heading", { level: 1, name: "Acme Rockets" })
        .waitFor();
      expect(new URL(tab.url()).pathname).toBe("/team");
      // Their own answer isn't shown as "already used" on the way.
      expect(await headings()).not.toContain("Invitation already used");
      await expect.poll(textOf(tab, "org-role")).toBe("Member");
      await expect.poll(chosenOrganization(tab)).toBe("Acme Rockets");
      await expect.poll(projectsOn(tab)).toEqual(["Launch plan"]);
      // Members add projects but don't delete them.
      await tab.getByLabel("Project name").waitFor();
      expect(
        await tab.getByRole("button", { name: /^Delete project/ }).count(),
      ).toBe(0);
      expect(
        await tab.getByRole("region", { name: "Invitations" }).count(),
      ).toBe(0);

      // Stored: one membership as member, the invitation used.
      expect(await invitationRow(app, invitationId)).toMatchObject({
        status: "accepted",
      });
      const members = await storedMembers(app, "acme-rockets");
      expect(
        members
          ?.map(({ userId, role }) => ({ userId, role }))
          .sort((a, b) => a.role.localeCompare(b.role)),
      ).toEqual([
        { userId: await authIdOf(app, newcomer.email), role: "member" },
        { userId: await authIdOf(app, owner.user.email), role: "owner" },
      ]);

      // The owner's tab follows: a new member, no pending invitation.
      await owner.page
        .getByRole("list", { name: "Members" })
        .getByText(newcomer.email)
        .waitFor();
      await expect.poll(() => pending.count()).toBe(0);
    },
    90_000,
  );

  journey(
    "an existing user accepts from the emailed link; someone signed in with another address is told it's for a masked address",
    async ({ app, newContext }) => {
      const owner = await person(app, newContext, "owner");
      const invited = await person(app, newContext, "existing");
      const stranger = await person(app, newContext, "stranger");
      await openTeam(owner.page);
      await createOrganization(owner.page, "Globex");
      await addProject(owner.page, "Globex roadmap");
      await invite(owner.page, invited.user.email, "admin");
      // Their open tab shows the invitation in the header at once.
      await invited.page
        .getByRole("link", { name: "1 pending invitation" })
        .waitFor();
      const { link } = await latestEmail(app, invited.user.email);

      await stranger.page.goto(link);
      const alert = stranger.page.getByRole("alert");
      const masked = `${invited.user.email[0]}•••@example.com`;
      await expect
        .poll(() => alert.textContent())
        .toBe(
          `This invitation is for ${masked}, and you're signed in with another address. Sign out, then sign in with the invited address to accept it.`,
        );
      expect(
        await stranger.page
          .getByRole("button", { name: "Accept invitation" })
          .count(),
      ).toBe(0);

      await invited.page.goto(link);
      await invited.page
        .getByRole("heading", { level: 1, name: "Join Globex" })
        .waitFor();
      expect(
        await invited.page.getByText("You're invited to join").textContent(),
      ).toBe("You're invited to join Globex as an admin.");
      await invited.page
        .getByRole("button", { name: "Accept invitation" })
        .click();
      await invited.page
        .getByRole("heading", { level: 1, name: "Globex" })
        .waitFor();
      await expect.poll(textOf(invited.page, "org-role")).toBe("Admin");
      await expect.poll(projectsOn(invited.page)).toEqual(["Globex roadmap"]);
      // The header has it now, and no invitation waiting.
      await expect.poll(chosenOrganization(invited.page)).toBe("Globex");
      expect(
        await invited.page
          .getByRole("link", { name: /pending invitation/ })
          .count(),
      ).toBe(0);
      expect(await invitationRow(app, invitationIdOf(link))).toMatchObject({
        status: "accepted",
        role: "admin",
      });

      // The stranger's page follows: the link is used now.
      await stranger.page
        .getByRole("heading", { level: 1, name: "Invitation already used" })
        .waitFor();

      // Their own invitation, opened signed out: "Sign in" comes back to
      // it, and once answered this browser forgets it.
      await invite(owner.page, stranger.user.email);
      const own = (await latestEmail(app, stranger.user.email)).link;
      await stranger.page.getByRole("button", { name: "Sign out" }).click();
      await stranger.page.getByRole("heading", { name: "Sign in" }).waitFor();
      await stranger.page.goto(own);
      await stranger.page.getByRole("link", { name: "Sign in" }).click();
      await submitSignIn(stranger.page, stranger.user);
      await stranger.page
        .getByRole("button", { name: "Accept invitation" })
        .click();
      await expect.poll(textOf(stranger.page, "org-role")).toBe("Member");
      expect(
        await stranger.page.evaluate(() =>
          localStorage.getItem("pending-invitation"),
        ),
      ).toBeNull();
    },
  );

  journey(
    "switching organizations in the header changes the projects at once, in every tab; the choice survives a reload and a new tab",
    async ({ app, newContext }) => {
      const { user, page, context } = await person(app, newContext, "switcher");
      await openTeam(page);
      await createOrganization(page, "Initech");
      await addProject(page, "Initech roadmap");
      const switcher = page.getByLabel("Organization", { exact: true });
      await switcher.selectOption({ label: "+ New organization…" });
      await page
        .getByRole("heading", { level: 1, name: "New organization" })
        .waitFor();
      await createOrganization(page, "Umbrella");
      await addProject(page, "Umbrella budget");
      await expect.poll(chosenOrganization(page)).toBe("Umbrella");
      const other = await context.newPage();
      await other.goto("/team");
      await expect.poll(projectsOn(other)).toEqual(["Umbrella budget"]);
      const otherUnreloaded = await markDocument(other);

      await switcher.selectOption({ label: "Initech" });
      await expect.poll(projectsOn(page)).toEqual(["Initech roadmap"]);
      await page.getByRole("heading", { level: 1, name: "Initech" }).waitFor();
      // The other tab of this browser follows, without a reload.
      await expect.poll(projectsOn(other)).toEqual(["Initech roadmap"]);
      await expect.poll(chosenOrganization(other)).toBe("Initech");
      expect(await otherUnreloaded()).toBe(true);

      await page.reload();
      await expect.poll(projectsOn(page)).toEqual(["Initech roadmap"]);
      await expect.poll(chosenOrganization(page)).toBe("Initech");
      const fresh = await context.newPage();
      await fresh.goto("/team");
      await expect.poll(projectsOn(fresh)).toEqual(["Initech roadmap"]);
      await expect.poll(chosenOrganization(fresh)).toBe("Initech");

      // Stored on the session (one: this browser's).
      const authId = await authIdOf(app, user.email);
      const sessions = (
        await authRows<{ userId: string; activeOrganizationId?: string }>(
          app.backend,
          "session",
        )
      ).filter((session) => session.userId === authId);
      const initech = await app.backend.run(
        async (ctx) => await organizationBySlug(ctx, "initech"),
      );
      expect(sessions.map((s) => s.activeOrganizationId)).toEqual([
        initech!._id,
      ]);

      await switcher.selectOption({ label: "No organization" });
      await expectNoOrganization(page);
      await expectNoOrganization(other);
    },
  );

  journey(
    "a member made admin sees the invitations card appear in their open tab and can invite; made member again, it goes",
    async ({ app, newContext }) => {
      const { owner, members } = await team(app, newContext, "Hooli", [
        "member",
      ]);
      const member = members[0]!;
      const invitations = member.page.getByRole("region", {
        name: "Invitations",
      });
      await expect.poll(textOf(member.page, "org-role")).toBe("Member");
      expect(await invitations.count()).toBe(0);
      const unreloaded = await markDocument(member.page);

      const role = owner.page.getByLabel(`Role of ${member.user.name}`);
      await role.selectOption("admin");
      await expectToast(owner.page, `${member.user.name} is now an admin`);
      await expect.poll(textOf(member.page, "org-role")).toBe("Admin");
      await invitations.waitFor();
      // An admin deletes projects too.
      await member.page
        .getByRole("button", { name: "Delete project: Hooli roadmap" })
        .waitFor();

      const guest = newUser("guest");
      await invite(member.page, guest.email);
      const { link } = await latestEmail(app, guest.email);
      expect(await invitationRow(app, invitationIdOf(link))).toMatchObject({
        status: "pending",
        role: "member",
        inviterId: await authIdOf(app, member.user.email),
      });
      // The owner's tab lists it too.
      await owner.page
        .getByRole("list", { name: "Pending invitations" })
        .getByText(guest.email)
        .waitFor();

      await role.selectOption("member");
      await expect.poll(textOf(member.page, "org-role")).toBe("Member");
      await expect.poll(() => invitations.count()).toBe(0);
      expect(
        await member.page
          .getByRole("button", { name: /^Delete project/ })
          .count(),
      ).toBe(0);
      // Nothing on the page failed on the way (src/pages/Team.tsx).
      expect(await member.page.getByRole("alert").count()).toBe(0);
      expect(await unreloaded()).toBe(true);
    },
  );

  journey(
    "a removed member's open tab loses the projects at once and shows the no-organization state",
    async ({ app, newContext }) => {
      const { owner, members } = await team(app, newContext, "Vandelay", [
        "member",
      ]);
      const member = members[0]!;
      await expect.poll(projectsOn(member.page)).toEqual(["Vandelay roadmap"]);
      const unreloaded = await markDocument(member.page);

      const list = owner.page.getByRole("list", { name: "Members" });
      await list
        .getByRole("listitem")
        .filter({ hasText: member.user.email })
        .getByRole("button", { name: "Remove" })
        .click();
      await owner.page
        .getByRole("alertdialog")
        .getByRole("button", { name: "Remove member" })
        .click();
      await expectToast(owner.page, `${member.user.name} was removed`);
      await expect
        .poll(() => list.getByText(member.user.email).count())
        .toBe(0);

      await expectNoOrganization(member.page);
      expect(await member.page.getByRole("alert").count()).toBe(0);
      expect(await unreloaded()).toBe(true);
      const options = await member.page
        .getByLabel("Organization", { exact: true })
        .locator("option")
        .allTextContents();
      expect(options).not.toContain("Vandelay");
      const stored = await storedMembers(app, "vandelay");
      expect(stored?.map((m) => m.role)).toEqual(["owner"]);
    },
  );

  journey(
    "transferring ownership makes the former owner an admin, who no longer sees Delete organization",
    async ({ app, newContext }) => {
      const { owner, members } = await team(app, newContext, "Soylent", [
        "admin",
      ]);
      const admin = members[0]!;
      const deleteCard = (page: Page) =>
        page.getByRole("region", { name: "Delete organization" });
      await deleteCard(owner.page).waitFor();
      expect(await deleteCard(admin.page).count()).toBe(0);

      await owner.page
        .getByRole("list", { name: "Members" })
        .getByRole("listitem")
        .filter({ hasText: admin.user.email })
        .getByRole("button", { name: "Make owner" })
        .click();
      await owner.page
        .getByRole("alertdialog")
        .getByRole("button", { name: "Transfer ownership" })
        .click();
      await expectToast(owner.page, `${admin.user.name} is now the owner`);

      await expect.poll(textOf(owner.page, "org-role")).toBe("Admin");
      await expect.poll(() => deleteCard(owner.page).count()).toBe(0);
      expect(
        await owner.page.getByRole("button", { name: "Make owner" }).count(),
      ).toBe(0);
      await expect.poll(textOf(admin.page, "org-role")).toBe("Owner");
      await deleteCard(admin.page).waitFor();

      const roles = Object.fromEntries(
        ((await storedMembers(app, "soylent")) ?? []).map((m) => [
          m.userId,
          m.role,
        ]),
      );
      expect(roles).toEqual({
        [await authIdOf(app, owner.user.email)]: "admin",
        [await authIdOf(app, admin.user.email)]: "owner",
      });
    },
  );

  journey(
    "deleting the organization takes the typed slug and a dialog; members' open tabs lose it",
    async ({ app, newContext }) => {
      const { owner, members } = await team(app, newContext, "Wonka Works", [
        "member",
      ]);
      const member = members[0]!;
      await expect
        .poll(projectsOn(member.page))
        .toEqual(["Wonka Works roadmap"]);
      const unreloaded = await markDocument(member.page);
      const orgId = (await app.backend.run(
        async (ctx) => await organizationBySlug(ctx, "wonka-works"),
      ))!._id;

      const button = owner.page.getByRole("button", {
        name: "Delete organization",
      });
      const field = owner.page.getByLabel("Type wonka-works to confirm");
      await field.fill("wonka");
      expect(await button.isDisabled()).toBe(true);
      await field.fill("wonka-works");
      await button.click();
      const dialog = owner.page.getByRole("alertdialog");
      await dialog
        .getByRole("heading", { name: "Delete Wonka Works?" })
        .waitFor();
      await dialog.getByRole("button", { name: "Delete organization" }).click();
      await expectToast(owner.page, "Wonka Works was deleted");
      await expectNoOrganization(owner.page);

      await expectNoOrganization(member.page);
      expect(await member.page.getByRole("alert").count()).toBe(0);
      expect(await unreloaded()).toBe(true);
      for (const page of [owner.page, member.page]) {
        expect(
          await page
            .getByLabel("Organization", { exact: true })
            .locator("option")
            .allTextContents(),
        ).not.toContain("Wonka Works");
      }
      // Gone now; what it owned follows in batches (convex/orgData.ts).
      expect(
        await app.backend.run(
          async (ctx) => await organizationBySlug(ctx, "wonka-works"),
        ),
      ).toBeNull();
      await expect
        .poll(() =>
          app.backend.run(async (ctx) => ({
            members: (await membersOf(ctx, orgId)).length,
            projects: (
              await ctx.db
                .query("projects")
                .withIndex("by_organizationId", (q) =>
                  q.eq("organizationId", orgId),
                )
                .collect()
            ).length,
          })),
        )
        .toEqual({ members: 0, projects: 0 });
    },
  );
});
