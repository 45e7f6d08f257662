/**
 * `npm run screenshots`: saves the key screens as PNGs in screenshots/, so a
 * person can look at the app without running it (same harness as the browser
 * tests: local backend + built SPA + headless Chromium).
 */
import { mkdirSync } from "node:fs";
import {
  convexCli,
  newUser,
  signInInBrowser,
  signUpInBrowser,
  startTestApp,
} from "../tests/e2e/support/app";

const DIR = "screenshots";
mkdirSync(DIR, { recursive: true });

const app = await startTestApp();
try {
  const context = await app.browser.newContext({
    baseURL: app.url,
    viewport: { width: 1100, height: 800 },
  });
  const page = await context.newPage();
  const shot = async (name: string) => {
    await page.screenshot({ path: `${DIR}/${name}.png`, fullPage: true });
    console.log(`  ${DIR}/${name}.png`);
  };

  await page.goto("/");
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
  await shot("01-sign-in");
  await page.goto("/sign-up");
  await page.getByRole("heading", { name: "Create your account" }).waitFor();
  await shot("02-sign-up");

  const user = newUser("demo");
  await signUpInBrowser(app, page, user);
  await page.getByLabel("Note").fill("My first note");
  await page.getByRole("button", { name: "Add note" }).click();
  await page.getByText("My first note").waitFor();
  await shot("03-dashboard");
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByRole("heading", { name: "Account settings" }).waitFor();
  await shot("04-settings");
  await page.getByRole("button", { name: "Sign out" }).click();

  const admin = newUser("admin");
  await convexCli(app, [
    "run",
    "adminSetup:createAdminUser",
    JSON.stringify(admin),
  ]);
  await signInInBrowser(page, admin);
  await page.getByRole("link", { name: "Admin" }).click();
  await page.getByRole("button", { name: user.email }).click();
  await page.getByTestId("detail-role").waitFor();
  await shot("05-admin");
  await context.close();
} finally {
  await app.close();
}
