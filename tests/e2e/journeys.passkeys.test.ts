/**
 * Passkeys in a real browser: Chromium's virtual authenticator (CDP
 * `WebAuthn.*`) plays the user's device, so the real WebAuthn ceremonies run
 * between the SPA, the browser and Better Auth's passkey plugin.
 */
import type { BrowserContext, CDPSession, Page } from "playwright-core";
import { describe, expect } from "vitest";
import {
  latestEmail,
  newUser,
  signUpInBrowser,
  textOf,
  type TestApp,
} from "./support/app";
import { useTestApp } from "./support/journey";

// WebAuthn refuses an IP address as relying party: the SPA is `localhost`.
const { journey } = useTestApp({ hostname: "localhost" });

type Credential = {
  credentialId: string;
  isResidentCredential: boolean;
  rpId?: string;
  privateKey: string;
  userHandle?: string;
  signCount: number;
};

/**
 * A device with a platform authenticator that verifies its user (PIN or
 * biometric). The virtual authenticator answers an autofill request at once,
 * as if the user picked the passkey, so the journeys for the button run as
 * in a browser without passkey autofill; one journey covers autofill.
 */
async function withAuthenticator(
  context: BrowserContext,
  { autofill = false } = {},
) {
  if (!autofill)
    await context.addInitScript(() => {
      PublicKeyCredential.isConditionalMediationAvailable = async () => false;
    });
  const page = await context.newPage();
  const cdp: CDPSession = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send(
    "WebAuthn.addVirtualAuthenticator",
    {
      options: {
        protocol: "ctap2",
        transport: "internal",
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    },
  );
  return {
    page,
    async credentials(): Promise<Credential[]> {
      return (await cdp.send("WebAuthn.getCredentials", { authenticatorId }))
        .credentials as Credential[];
    },
    async replaceCredentials(credentials: Credential[]) {
      await cdp.send("WebAuthn.clearCredentials", { authenticatorId });
      for (const credential of credentials)
        await cdp.send("WebAuthn.addCredential", {
          authenticatorId,
          credential,
        });
    },
  };
}

async function openSettings(page: Page) {
  await page.getByRole("link", { name: "Settings", exact: true }).click();
  await page.getByRole("heading", { name: "Account settings" }).waitFor();
  await page
    .getByRole("navigation", { name: "Settings sections" })
    .getByRole("link", { name: "Sign-in & security" })
    .click();
  await page.getByRole("region", { name: "Passkeys" }).waitFor();
}

async function addPasskey(page: Page, name: string) {
  await openSettings(page);
  await page.getByLabel("Passkey name").fill(name);
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await page.getByTestId("passkey").filter({ hasText: name }).waitFor();
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
}

/** Clicks "Sign in with a passkey"; resolves with the email shown, or the error. */
async function signInWithPasskey(page: Page) {
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  const email = page.getByTestId("me-email");
  const alert = page.getByRole("alert");
  await email.or(alert).first().waitFor();
  return {
    email: (await email.isVisible()) ? await email.textContent() : null,
    error: (await alert.isVisible()) ? await alert.textContent() : null,
  };
}

async function signedUpWithPasskey(
  app: TestApp,
  context: BrowserContext,
  options?: { autofill: boolean },
) {
  const device = await withAuthenticator(context, options);
  const user = newUser();
  await signUpInBrowser(app, device.page, user);
  await addPasskey(device.page, "Laptop");
  return { ...device, user };
}

describe("passkeys", () => {
  journey(
    "register a passkey, rename it, sign out, sign back in with it; deleted, it no longer signs in",
    async ({ app, newContext }) => {
      const { page, user, credentials } = await signedUpWithPasskey(
        app,
        await newContext(),
      );

      // The owner is told by email that a passkey was added.
      await expect
        .poll(async () => (await latestEmail(app, user.email)).template, {
          timeout: 15_000,
        })
        .toBe("passkeyAdded");

      // The device holds a discoverable credential for the SPA's host
      // (the relying party), not the Convex site's.
      const [credential] = await credentials();
      expect(credential?.isResidentCredential).toBe(true);
      expect(credential?.rpId).toBe(new URL(app.url).hostname);

      await page.getByRole("button", { name: "Rename Laptop" }).click();
      await page.getByLabel("New name for Laptop").fill("Work laptop");
      await page.getByRole("button", { name: "Save", exact: true }).click();
      await page
        .getByTestId("passkey")
        .filter({ hasText: "Work laptop" })
        .waitFor();
      await expect.poll(() => page.getByTestId("passkey").count()).toBe(1);

      // Signed out, a link to Settings: the passkey signs in, back there.
      await signOut(page);
      await page.goto("/settings");
      await page
        .getByRole("button", { name: "Sign in with a passkey" })
        .click();
      await page.getByRole("heading", { name: "Account settings" }).waitFor();
      expect(new URL(page.url()).pathname).toBe("/settings");
      await page.getByRole("link", { name: "Dashboard" }).click();
      await expect.poll(textOf(page, "me-email")).toBe(user.email);

      // Deleted on the server, the credential left on the device is refused.
      await openSettings(page);
      await page.getByRole("button", { name: "Delete Work laptop" }).click();
      // It asks first; cancelled, nothing changes.
      const dialog = page.getByRole("alertdialog", {
        name: "Delete this passkey?",
      });
      await dialog.getByRole("button", { name: "Cancel" }).click();
      await expect.poll(() => dialog.count()).toBe(0);
      expect(await page.getByTestId("passkey").count()).toBe(1);
      await page.getByRole("button", { name: "Delete Work laptop" }).click();
      await dialog.getByRole("button", { name: "Delete passkey" }).click();
      await page.getByText("No passkeys yet.").waitFor();
      await signOut(page);
      expect(await credentials()).toHaveLength(1);
      const refused = await signInWithPasskey(page);
      expect(refused.email).toBeNull();
      expect(refused.error).toContain("isn't registered here");
    },
    120_000,
  );

  journey(
    "a passkey signs in only the user who registered it",
    async ({ app, newContext }) => {
      const ada = await signedUpWithPasskey(app, await newContext());
      const bob = await signedUpWithPasskey(app, await newContext());
      const [adaCredential] = await ada.credentials();
      const [bobCredential] = await bob.credentials();
      expect(adaCredential!.credentialId).not.toBe(bobCredential!.credentialId);
      await signOut(bob.page);

      // Bob's own passkey: Bob.
      expect(await signInWithPasskey(bob.page)).toMatchObject({
        email: bob.user.email,
      });
      await signOut(bob.page);

      // Ada's passkey copied onto Bob's device signs in Ada, never Bob.
      await bob.replaceCredentials([adaCredential!]);
      expect(await signInWithPasskey(bob.page)).toMatchObject({
        email: ada.user.email,
      });
    },
    120_000,
  );

  journey(
    "passkey autofill: the email field offers the passkey, which signs in",
    async ({ app, newContext }) => {
      const { page, user } = await signedUpWithPasskey(
        app,
        await newContext(),
        { autofill: true },
      );
      // The sign-in page asks for a passkey through the email field's
      // autofill (no button); the virtual authenticator picks it.
      const autofilled = page.waitForResponse((response) =>
        response.url().endsWith("/passkey/verify-authentication"),
      );
      await page.getByRole("button", { name: "Sign out" }).click();
      expect((await autofilled).status()).toBe(200);
      await expect.poll(textOf(page, "me-email")).toBe(user.email);
      await page.getByRole("button", { name: "Sign out" }).waitFor();
    },
    120_000,
  );

  journey(
    "sign-in methods list the password, each passkey and emailed links; a long passkey name is refused with the limit, and one at the limit wraps inside the card at 360 px",
    async ({ app, newContext }) => {
      const { page } = await signedUpWithPasskey(app, await newContext());
      await page.setViewportSize({ width: 360, height: 740 });
      const methods = page.getByRole("list", { name: "Sign-in methods" });
      await expect
        .poll(() => methods.getByTestId("sign-in-method").allTextContents())
        .toEqual([
          "PasswordUnlink Password",
          "Passkey: Laptop",
          expect.stringMatching(/^Emailed sign-in linksent to /),
        ]);
      // With a passkey and emailed links, the password isn't "the only way".
      const card = page.getByRole("region", { name: "Sign-in methods" });
      expect(await card.textContent()).not.toContain("only way to sign in");

      // Longer than the limit: said, not cut, and no ceremony starts.
      const passkeys = page.getByRole("region", { name: "Passkeys" });
      await passkeys.getByText("Up to 64 characters.").waitFor();
      await passkeys.getByLabel("Passkey name").fill("L".repeat(80));
      await passkeys.getByRole("button", { name: "Add a passkey" }).click();
      await expect
        .poll(() => passkeys.getByRole("alert").textContent())
        .toBe("A passkey name can be at most 64 characters.");
      expect(await page.getByTestId("passkey").count()).toBe(1);

      // At the limit, one unbreakable word: it wraps; nothing leaves the card.
      const long = "W".repeat(64);
      await passkeys.getByRole("button", { name: "Rename Laptop" }).click();
      await passkeys.getByLabel("New name for Laptop").fill(long);
      await passkeys.getByRole("button", { name: "Save", exact: true }).click();
      const row = page.getByTestId("passkey").filter({ hasText: long });
      await row.waitFor();
      const inside = async (locator: ReturnType<Page["locator"]>) => {
        const box = (await locator.boundingBox())!;
        const outer = (await passkeys.boundingBox())!;
        return (
          box.x >= outer.x &&
          box.x + box.width <= outer.x + outer.width &&
          box.y >= outer.y &&
          box.y + box.height <= outer.y + outer.height
        );
      };
      for (const part of [
        row.getByTestId("passkey-name"),
        row.getByRole("button", { name: `Rename ${long}` }),
        row.getByRole("button", { name: `Delete ${long}` }),
      ])
        expect(await inside(part)).toBe(true);
      expect(
        await page.evaluate(
          () => document.documentElement.scrollWidth <= window.innerWidth,
        ),
      ).toBe(true);
    },
    120_000,
  );
});
