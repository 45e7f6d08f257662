/**
 * `npm run screenshots`: saves every page as PNGs in screenshots/, in the
 * light and dark themes (the browser's colour-scheme preference, which the
 * app follows by default), at desktop width and at 360 px. Same harness as
 * the browser tests: local backend + built SPA + headless Chromium. Then
 * the README's picture, docs/images/overview.png, from two of them, and
 * every email's HTML in every language (screenshots/emails/).
 *
 * `npm run screenshots -- --emails`: the emails only (no backend needed).
 * `npm run screenshots -- --german`: the app in German and the emails only,
 * with the pictures of docs/languages.md.
 */
import { mkdirSync, readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { createServer } from "vite";
import { components } from "../convex/_generated/api";
import { renderEmail } from "../convex/emails/render";
import { locales } from "../convex/locales";
import {
  addNote,
  convexCli,
  freePort,
  latestEmail,
  launchChromium,
  newUser,
  openEmailedLink,
  signInInBrowser,
  signUpInBrowser,
  startTestApp,
  type TestApp,
} from "../tests/e2e/support/app";
import { EMAIL_SAMPLES } from "./emailSamples";
import { m } from "../src/paraglide/messages.js";

const DIR = "screenshots";
mkdirSync(DIR, { recursive: true });

const VIEWPORTS = {
  desktop: { width: 1100, height: 800 },
  mobile: { width: 360, height: 740 },
};

type Shot = (name: string) => Promise<void>;

async function signedOutPages(page: Page, shot: Shot) {
  await page.goto("/sign-in");
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
  // The other ways in arrive in their own chunk, below the form.
  await page.getByRole("button", { name: "Sign in with a passkey" }).waitFor();
  await shot("01-sign-in");
  await page.getByLabel("Email").fill("nobody@example.com");
  await page.getByLabel("Password", { exact: true }).fill("wrong password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByRole("alert").waitFor();
  await shot("02-sign-in-error");
  await page.goto("/sign-up");
  await page.getByRole("heading", { name: "Create your account" }).waitFor();
  await shot("03-sign-up");
  await page.goto("/sign-up?sent=ada%40example.com");
  await page.getByTestId("sign-up-sent").waitFor();
  await shot("04-sign-up-sent");
  await page.goto("/forgot-password");
  await page.getByRole("heading", { name: "Forgot your password?" }).waitFor();
  await shot("05-forgot-password");
  await page.goto("/reset-password?error=INVALID_TOKEN");
  await page.getByRole("alert").waitFor();
  await shot("06-reset-password-bad-link");
  await page.goto("/two-factor");
  await page.getByLabel("Authentication code").waitFor();
  await shot("07-two-factor");
  await page.goto("/no-such-page");
  await page.getByRole("heading", { name: "Page not found" }).waitFor();
  await shot("08-not-found");
}

async function signedInPages(
  page: Page,
  shot: Shot,
  user: { email: string; password: string },
  admin: { email: string; password: string },
) {
  await page.getByText("My first note").waitFor();
  await shot("10-dashboard");
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByRole("heading", { name: "Account settings" }).waitFor();
  await shot("11-settings-profile");
  await settingsSections(page, shot, user);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await signInInBrowser(page, admin);
  await page.getByRole("link", { name: "Admin" }).click();
  await page.getByRole("link", { name: admin.email }).click();
  await page.getByTestId("detail-self").waitFor();
  await shot("12-admin-self");
  await page.getByRole("link", { name: user.email }).click();
  await page.getByRole("heading", { name: user.email }).waitFor();
  await shot("12-admin");
  await page.getByRole("button", { name: "Delete user" }).click();
  await page.getByRole("alertdialog").waitFor();
  await shot("12-admin-confirm-delete");
  await page.getByRole("button", { name: "Cancel" }).click();
  await page.goto("/admin?user=no-such-user");
  await page.getByTestId("detail-missing").waitFor();
  await shot("12-admin-no-such-user");
  await page.getByRole("link", { name: user.email }).click();
  await page.getByRole("heading", { name: user.email }).waitFor();
  await page.getByRole("button", { name: "View as user" }).click();
  await page
    .getByRole("alertdialog")
    .getByRole("button", { name: "View as user" })
    .click();
  await page.getByTestId("viewing-as").waitFor();
  await page.getByText("My first note").waitFor();
  await shot("13-viewing-as-user");
  await page.getByRole("button", { name: "Stop viewing" }).click();
  await page.getByRole("heading", { name: "Audit log" }).waitFor();
  await page.getByText("Stopped viewing as user").first().waitFor();
  await shot("14-admin-audit-log");
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
}

/** Signed out in another tab: this one goes to sign-in and says why. */
async function signedOutElsewhere(
  page: Page,
  shot: Shot,
  user: { email: string; password: string },
) {
  await signInInBrowser(page, user);
  await page.getByText("My first note").waitFor();
  const other = await page.context().newPage();
  await other.goto("/");
  await other.getByRole("button", { name: "Sign out", exact: true }).click();
  await page.getByTestId("signed-out-reason").waitFor();
  await other.close();
  await shot("16-signed-out-elsewhere");
}

/** Each Settings section, and two-factor set-up with its copy buttons. */
async function settingsSections(
  page: Page,
  shot: Shot,
  user: { password: string },
) {
  const section = async (name: string) => {
    await page
      .getByRole("navigation", { name: "Settings sections" })
      .getByRole("link", { name })
      .click();
  };
  await section("Sign-in & security");
  await page.getByTestId("sign-in-method").first().waitFor();
  await page.getByText("No passkeys yet.").waitFor();
  await shot("11-settings-security");
  const twoFactor = page.getByRole("region", {
    name: "Two-factor authentication",
  });
  await twoFactor.getByLabel("Password").fill(user.password);
  await twoFactor.getByRole("button", { name: "Set up two-factor" }).click();
  await twoFactor.getByRole("button", { name: "Copy key" }).waitFor();
  await shot("11-settings-two-factor-setup");
  await twoFactor.getByRole("button", { name: "Cancel" }).click();
  await section("Sessions");
  await page.getByText("This device").waitFor();
  await shot("11-settings-sessions");
  await section("Danger zone");
  await page.getByLabel("Password to confirm").fill(user.password);
  await page.getByRole("button", { name: "Delete my account" }).click();
  await page.getByRole("alertdialog").waitFor();
  await shot("11-settings-delete-dialog");
  await page.getByRole("button", { name: "Cancel" }).click();
}

/**
 * Settings of an account without a password (signed in by emailed links):
 * what a provider-only account sees too.
 */
async function passwordlessSettings(
  app: TestApp,
  page: Page,
  shot: Shot,
  email: string,
) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await page.getByText("Check your inbox").waitFor();
  await openEmailedLink(page, (await latestEmail(app, email)).link);
  await page.getByTestId("me-email").waitFor();
  await page.getByRole("link", { name: "Settings", exact: true }).click();
  await page.getByRole("link", { name: "Sign-in & security" }).click();
  await page.getByRole("button", { name: "Set a password" }).waitFor();
  await shot("15-settings-no-password");
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
}

type Account = { name: string; email: string; password: string };

const ORG_NAME = "Northwind Traders";

/**
 * An organization as its owner sees it (projects, members, a pending
 * invitation), the Team page of someone it invited (no organization yet,
 * one invitation), and that invitation's page signed out.
 */
async function organizationPages(
  page: Page,
  shot: Shot,
  org: { owner: Account; invitee: Account; invitationLink: string },
) {
  const openTeam = async (user: Account) => {
    await signInInBrowser(page, user);
    await page.getByTestId("me-email").waitFor();
    await page.getByRole("link", { name: "Team", exact: true }).click();
    // The header's switcher is in its own chunk: wait for it too.
    await page.getByLabel("Organization", { exact: true }).waitFor();
  };
  await openTeam(org.owner);
  await page.getByRole("heading", { level: 1, name: ORG_NAME }).waitFor();
  await page.getByRole("list", { name: "Members" }).waitFor();
  await page.getByRole("list", { name: "Pending invitations" }).waitFor();
  await page.getByRole("list", { name: "Projects" }).waitFor();
  await shot("17-team");
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await openTeam(org.invitee);
  await page.getByRole("button", { name: `Join ${ORG_NAME}` }).waitFor();
  await shot("18-team-create-or-join");
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
  await page.goto(org.invitationLink);
  await page.getByRole("link", { name: "Create an account" }).waitFor();
  await shot("19-invitation-signed-out");
}

/** Signs `user` up in a browser of its own, then runs `then` there. */
async function withNewUser(
  app: TestApp,
  user: Account,
  then: (page: Page) => Promise<void> = async () => {},
) {
  const context = await app.browser.newContext({ baseURL: app.url });
  const page = await context.newPage();
  await signUpInBrowser(app, page, user);
  await then(page);
  await context.close();
}

/**
 * The organization for organizationPages: an owner with three projects,
 * an admin and a member who joined, and one invitation still pending.
 */
async function setUpOrganization(app: TestApp) {
  const owner = { ...newUser("ada"), name: "Ada Lovelace" };
  const admin = { ...newUser("grace"), name: "Grace Hopper" };
  const member = { ...newUser("alan"), name: "Alan Turing" };
  const invitee = { ...newUser("katherine"), name: "Katherine Johnson" };
  for (const user of [admin, member, invitee]) await withNewUser(app, user);
  await withNewUser(app, owner, async (page) => {
    await page.getByRole("link", { name: "Team", exact: true }).click();
    await page.getByLabel("Name", { exact: true }).fill(ORG_NAME);
    await page.getByRole("button", { name: "Create organization" }).click();
    await page.getByRole("heading", { level: 1, name: ORG_NAME }).waitFor();
    for (const project of ["Quarterly report", "Mobile app", "Website"]) {
      await page.getByLabel("Project name").fill(project);
      await page.getByRole("button", { name: "Add project" }).click();
      await page
        .getByRole("list", { name: "Projects" })
        .getByText(project)
        .waitFor();
    }
    for (const [user, role] of [
      [admin, "admin"],
      [member, "member"],
      [invitee, "member"],
    ] as const) {
      await page.getByLabel("Email address").fill(user.email);
      await page.getByLabel("Role", { exact: true }).selectOption(role);
      await page.getByRole("button", { name: "Send invitation" }).click();
      await page
        .getByRole("list", { name: "Pending invitations" })
        .getByText(user.email)
        .waitFor();
    }
  });
  for (const user of [admin, member]) {
    const context = await app.browser.newContext({ baseURL: app.url });
    const page = await context.newPage();
    await signInInBrowser(page, user);
    await page.getByRole("link", { name: "Team", exact: true }).click();
    await page.getByRole("button", { name: `Join ${ORG_NAME}` }).click();
    await page.getByRole("heading", { level: 1, name: ORG_NAME }).waitFor();
    await context.close();
  }
  const invitationLink = (await latestEmail(app, invitee.email)).link;
  return { owner, invitee, invitationLink };
}

async function setUp(app: TestApp) {
  const context = await app.browser.newContext({ baseURL: app.url });
  const page = await context.newPage();
  const user = newUser("demo");
  await signUpInBrowser(app, page, user);
  await addNote(page, "My first note");
  await context.close();
  // Without a password, as one set before verification is removed.
  const passwordless = newUser("nopassword");
  const other = await app.browser.newContext({ baseURL: app.url });
  await signUpInBrowser(app, await other.newPage(), passwordless);
  await other.close();
  await app.backend.run(async (ctx) => {
    const { _id } = (await ctx.runQuery(components.betterAuth.adapter.findOne, {
      model: "user",
      where: [{ field: "email", value: passwordless.email }],
    })) as { _id: string };
    await ctx.runMutation(components.betterAuth.adapter.deleteOne, {
      input: { model: "account", where: [{ field: "userId", value: _id }] },
    });
  });
  const admin = newUser("admin");
  await convexCli(app, [
    "run",
    "adminSetup:createAdminUser",
    JSON.stringify(admin),
  ]);
  return { user, admin, passwordless };
}

/**
 * The development-only pages (the dev mailbox and the hint that links to
 * it) exist only in a development build: served by Vite's dev server
 * against the same backend.
 */
async function devOnlyPages(app: TestApp) {
  const port = await freePort();
  const vite = await createServer({
    logLevel: "error",
    server: { port, strictPort: true, host: "127.0.0.1" },
  });
  await vite.listen();
  try {
    for (const colorScheme of ["light", "dark"] as const) {
      for (const [size, viewport] of Object.entries(VIEWPORTS)) {
        const context = await app.browser.newContext({
          baseURL: `http://127.0.0.1:${port}`,
          viewport,
          colorScheme,
        });
        const page = await context.newPage();
        const shot: Shot = async (name) => {
          const path = `${DIR}/${name}-${colorScheme}-${size}.png`;
          await page.screenshot({
            path,
            fullPage: true,
            animations: "disabled",
          });
          console.log(`  ${path}`);
        };
        await page.goto("/sign-up?sent=ada%40example.com");
        await page.getByTestId("dev-mailbox-hint").waitFor({ timeout: 60_000 });
        await shot("20-sign-up-sent-dev");
        await page.getByRole("link", { name: "dev mailbox" }).click();
        await page.getByTestId("dev-mailbox").waitFor();
        await shot("21-dev-mailbox");
        await context.close();
      }
    }
  } finally {
    await vite.close();
  }
}

/**
 * The README's picture (docs/images/overview.png): the dashboard at desktop
 * width in the light theme beside the sign-in page on a phone in the dark
 * one, composed from the shots above.
 */
async function overview(app: TestApp) {
  const image = (name: string) =>
    `data:image/png;base64,${readFileSync(`${DIR}/${name}.png`).toString("base64")}`;
  const page = await app.browser.newPage({
    viewport: { width: 1480, height: 820 },
  });
  await page.setContent(`<body style="margin:0;padding:24px;background:#e4e4e7;display:flex;gap:24px;align-items:flex-start">
    <img src="${image("10-dashboard-light-desktop")}" style="width:1100px;border-radius:12px;box-shadow:0 4px 24px #0003">
    <img src="${image("01-sign-in-dark-mobile")}" style="width:310px;border-radius:12px;box-shadow:0 4px 24px #0003">
  </body>`);
  mkdirSync("docs/images", { recursive: true });
  await page.screenshot({ path: "docs/images/overview.png", fullPage: true });
  console.log("  docs/images/overview.png");
  await page.close();
}

/**
 * Every email template's HTML (scripts/emailSamples.ts) in every language,
 * as a mail client shows it: screenshots/emails/<locale>-<template>.png.
 */
async function emails(browser: Browser) {
  mkdirSync(`${DIR}/emails`, { recursive: true });
  const page = await browser.newPage({ viewport: { width: 640, height: 400 } });
  for (const locale of locales) {
    for (const [name, props] of EMAIL_SAMPLES) {
      const email = await renderEmail(name, props, locale);
      await page.setContent(email.html, { waitUntil: "load" });
      const path = `${DIR}/emails/${locale}-${name}.png`;
      await page.screenshot({ path, fullPage: true });
      console.log(`  ${path}`);
    }
  }
  await page.close();
}

/**
 * The app in its second language, from a German browser: signed out, then
 * as a user whose stored choice is German (set with the header's switch),
 * in both themes at both widths: screenshots/de-<page>-<theme>-<width>.png.
 */
async function germanPages(app: TestApp) {
  const de = { locale: "de" } as const;
  const user = { ...newUser("sprache"), name: "Grete Müller" };
  await withNewUser(app, user, async (page) => {
    await page.getByTestId("language-switch").selectOption("de");
    await page.getByText(m.app_notes_empty({}, de)).waitFor();
    await page
      .getByRole("textbox", { name: m.app_note_label({}, de) })
      .fill("Meine erste Notiz");
    await page.getByRole("button", { name: m.app_note_add({}, de) }).click();
    await page
      .getByRole("button", {
        name: m.app_note_delete({ text: "Meine erste Notiz" }, de),
      })
      .waitFor();
  });
  for (const colorScheme of ["light", "dark"] as const) {
    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      const context = await app.browser.newContext({
        baseURL: app.url,
        viewport,
        colorScheme,
        locale: "de-DE",
      });
      const page = await context.newPage();
      const shot: Shot = async (name) => {
        const path = `${DIR}/de-${name}-${colorScheme}-${size}.png`;
        await page.screenshot({ path, fullPage: true, animations: "disabled" });
        console.log(`  ${path}`);
      };
      await page.goto("/sign-in");
      await page
        .getByRole("button", { name: m.auth_sign_in({}, de), exact: true })
        .waitFor();
      await page.getByTestId("language-switch").waitFor();
      await shot("01-sign-in");
      const signIn = async (password: string) => {
        await page.getByLabel(m.auth_email_label({}, de)).fill(user.email);
        await page
          .getByLabel(m.auth_password_label({}, de), { exact: true })
          .fill(password);
        await page
          .getByRole("button", { name: m.auth_sign_in({}, de), exact: true })
          .click();
      };
      await signIn("wrong password");
      await page.getByRole("alert").waitFor();
      await shot("02-sign-in-error");
      await signIn(user.password);
      await page.getByText("Meine erste Notiz").waitFor();
      await shot("10-dashboard");
      await page.goto("/settings");
      await page.getByTestId("language-setting").waitFor();
      await shot("11-settings-profile");
      await page.goto("/settings?section=security");
      await page.getByTestId("sign-in-method").first().waitFor();
      await shot("11-settings-security");
      await page.goto("/team");
      await page.getByRole("heading", { level: 1 }).waitFor();
      await shot("17-team");
      await context.close();
    }
  }
}

/**
 * docs/images/german.png (the dashboard and the sign-in page in German) and
 * docs/images/emails.png (one email, in English and in German), from the
 * shots above.
 */
async function languageImages(browser: Browser) {
  const image = (name: string) =>
    `data:image/png;base64,${readFileSync(`${DIR}/${name}.png`).toString("base64")}`;
  const page = await browser.newPage({
    viewport: { width: 1480, height: 820 },
  });
  const side = (
    left: string,
    leftWidth: number,
    right: string,
    rightWidth: number,
  ) =>
    `<body style="margin:0;padding:24px;background:#e4e4e7;display:flex;gap:24px;align-items:flex-start">
    <img src="${image(left)}" style="width:${leftWidth}px;border-radius:12px;box-shadow:0 4px 24px #0003">
    <img src="${image(right)}" style="width:${rightWidth}px;border-radius:12px;box-shadow:0 4px 24px #0003">
  </body>`;
  mkdirSync("docs/images", { recursive: true });
  await page.setContent(
    side(
      "de-10-dashboard-light-desktop",
      1100,
      "de-01-sign-in-dark-mobile",
      310,
    ),
  );
  await page.screenshot({ path: "docs/images/german.png", fullPage: true });
  await page.setViewportSize({ width: 1352, height: 560 });
  await page.setContent(
    side("emails/en-verifyAddress", 640, "emails/de-verifyAddress", 640),
  );
  await page.screenshot({ path: "docs/images/emails.png", fullPage: true });
  console.log("  docs/images/german.png, docs/images/emails.png");
  await page.close();
}

/** The app in German, every email, and the pictures made from them. */
async function languagePages(app: TestApp) {
  await germanPages(app);
  await emails(app.browser);
  await languageImages(app.browser);
}

if (process.argv.includes("--german")) {
  const app = await startTestApp();
  try {
    await languagePages(app);
  } finally {
    await app.close();
  }
  process.exit(process.exitCode ?? 0);
}

if (process.argv.includes("--emails")) {
  const browser = await launchChromium();
  try {
    await emails(browser);
  } finally {
    await browser.close();
  }
  process.exit(process.exitCode ?? 0);
}

const app = await startTestApp();
try {
  const { user, admin, passwordless } = await setUp(app);
  const org = await setUpOrganization(app);
  await devOnlyPages(app);
  for (const colorScheme of ["light", "dark"] as const) {
    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      const context = await app.browser.newContext({
        baseURL: app.url,
        viewport,
        colorScheme,
      });
      const page = await context.newPage();
      const shot: Shot = async (name) => {
        const path = `${DIR}/${name}-${colorScheme}-${size}.png`;
        await page.screenshot({ path, fullPage: true, animations: "disabled" });
        console.log(`  ${path}`);
      };
      await signedOutPages(page, shot);
      await signInInBrowser(page, user);
      await signedInPages(page, shot, user, admin);
      await signedOutElsewhere(page, shot, user);
      await passwordlessSettings(app, page, shot, passwordless.email);
      await organizationPages(page, shot, org);
      await context.close();
    }
  }
  await overview(app);
  await languagePages(app);
} finally {
  await app.close();
}
// The view as a user above leaves its scheduled end (30 minutes out) as a
// timer in the local backend; nothing is left to wait for.
process.exit(process.exitCode ?? 0);
