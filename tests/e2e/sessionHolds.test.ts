/**
 * Only the server signs a user out: a token request that fails for any
 * other reason (a 5xx, a dropped connection) is asked again with backoff
 * while the page says "Reconnecting…", and the user's data arrives once
 * the server answers, without the sign-in page in between.
 */
import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import { newUser, signUpInBrowser } from "./support/app";
import { useTestApp } from "./support/journey";

const { journey } = useTestApp();

/** Drops the stored Convex JWT, so the next load has to ask for one. */
async function forgetStoredJwt(page: Page): Promise<void> {
  await page.evaluate(() => {
    const key = "better-auth_cookie";
    const cookies = JSON.parse(localStorage.getItem(key) ?? "{}") as Record<
      string,
      unknown
    >;
    for (const name of Object.keys(cookies))
      if (name.endsWith("convex_jwt")) delete cookies[name];
    localStorage.setItem(key, JSON.stringify(cookies));
  });
}

describe("the session holds through failures that aren't the server's answer", () => {
  journey(
    "two 503s and a dropped connection on the token request: Reconnecting…, then the user's data, never sign-in",
    async ({ app, newContext }) => {
      const page = await (await newContext()).newPage();
      await signUpInBrowser(app, page, newUser("holds"));
      await forgetStoredJwt(page);

      const failures = ["503", "503", "abort"];
      let tokenRequests = 0;
      await page.route("**/api/auth/convex/token", async (route) => {
        tokenRequests += 1;
        const failure = failures.shift();
        if (failure === "abort") return await route.abort("connectionreset");
        if (failure) {
          return await route.fulfill({
            status: 503,
            contentType: "application/json",
            body: JSON.stringify({ message: "Service Unavailable" }),
          });
        }
        await route.continue();
      });
      const visited: string[] = [];
      page.on("framenavigated", (frame) => {
        if (frame === page.mainFrame())
          visited.push(new URL(frame.url()).pathname);
      });

      await page.reload();
      await page
        .getByRole("status")
        .filter({ hasText: "Reconnecting…" })
        .waitFor();
      // Retries wait 1 s, then 2 s, then 4 s: the data is there within ~8 s.
      await page.getByTestId("me-role").waitFor({ timeout: 15_000 });
      expect(tokenRequests).toBe(4);
      expect(visited).not.toContain("/sign-in");
      expect(new URL(page.url()).pathname).toBe("/");
      await expect.poll(() => page.getByText("Reconnecting…").count()).toBe(0);
    },
    60_000,
  );
});
