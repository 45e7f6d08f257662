/**
 * Every email template in every language, rendered with
 * scripts/emailSamples.ts: snapshots of its HTML and text (an unintended
 * change fails; `npx vitest run tests/emails.test.ts -u` accepts an intended
 * one), and what each must say. English snapshots are in
 * __snapshots__/emails/, the other languages' in a folder of their own.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { describe, expect, test, vi } from "vitest";
import { APP_NAME } from "../convex/appName";
import { CODE_MINUTES, emailText } from "../convex/emailTexts";
import { renderEmail } from "../convex/emails/render";
import { baseLocale, locales } from "../convex/locales";
import { m } from "../src/paraglide/messages.js";
import { EMAIL_SAMPLES } from "../scripts/emailSamples";

/** Every template in every language. */
const CASES = locales.flatMap((locale) =>
  EMAIL_SAMPLES.map(([name, props]) => [name, locale, props] as const),
);

/** Where a snapshot is: English ones at the top, others in their folder. */
function snapshotPath(name: string, locale: string, ext: string): string {
  const folder = locale === baseLocale ? "" : `${locale}/`;
  return `__snapshots__/emails/${folder}${name}.${ext}`;
}

describe.each(CASES)("the %s email in %s", (name, locale, props) => {
  test("matches its snapshot, HTML and text", async () => {
    const email = await renderEmail(name, props, locale);
    await expect(email.html).toMatchFileSnapshot(
      snapshotPath(name, locale, "html"),
    );
    await expect(
      `Subject: ${email.subject}\n\n${email.text}\n`,
    ).toMatchFileSnapshot(snapshotPath(name, locale, "txt"));
  });

  test("names the app, gives the action, why it came and what to do if unasked", async () => {
    const email = await renderEmail(name, props, locale);
    const words = emailText(name, locale);
    expect(email.subject).toBe(words.subject);
    expect(email.html).toContain(`<html dir="ltr" lang="${locale}">`);
    for (const part of [email.html, email.text]) {
      expect(part).toContain(APP_NAME);
    }
    // React escapes apostrophes in HTML.
    expect(email.html).toContain(words.why.replaceAll("'", "&#x27;"));
    expect(email.text).toContain(words.why);
    expect(email.text).toContain(words.ifNotYou);
    if ("link" in props) {
      // A button and the same link in full, to copy.
      expect(email.html.split(`href="${props.link}"`)).toHaveLength(3);
      expect(email.text).toContain(m.email_copy_link({}, { locale }));
    } else {
      expect(email.text).toContain(props.code);
      expect(email.text).toContain(
        m.email_code_expiry({ minutes: CODE_MINUTES }, { locale }),
      );
      expect(email.html).not.toContain("href=");
    }
  });
});

test("English is the default, and says what it always did", async () => {
  const [name, props] = EMAIL_SAMPLES[0]!;
  expect(await renderEmail(name, props)).toEqual(
    await renderEmail(name, props, "en"),
  );
  const code = await renderEmail("signInCode", { code: "1" });
  expect(code.text).toContain(
    `It expires in ${CODE_MINUTES} minutes. Nobody from the app will ever ask you for it.`,
  );
  const link = await renderEmail("magicLink", { link: "x" });
  expect(link.text).toContain("Or copy this link into your browser:");
});

test("every language's words differ from English's", () => {
  for (const locale of locales) {
    if (locale === baseLocale) continue;
    for (const [name] of EMAIL_SAMPLES) {
      const english = emailText(name, baseLocale);
      const other = emailText(name, locale);
      expect(other.subject).not.toBe(english.subject);
      expect(other.why).not.toBe(english.why);
      expect(other.ifNotYou).not.toBe(english.ifNotYou);
    }
  }
});

test("a template refuses the other kind's props", async () => {
  await expect(renderEmail("signInCode", { link: "x" })).rejects.toThrow(
    "takes a code",
  );
  await expect(renderEmail("magicLink", { code: "1" })).rejects.toThrow(
    "takes a link",
  );
});

describe("in Convex's default runtime", () => {
  /**
   * convex/emails/render.ts bundled as the Convex CLI bundles a function
   * for its default runtime (esbuild, platform browser, conditions
   * "convex" and "module": convex/dist/cjs/bundler): @react-email/render
   * resolves to its edge build, React to its web-streams server renderer.
   */
  async function convexBundle() {
    const dir = mkdtempSync(join(tmpdir(), "email-bundle-"));
    const result = await build({
      entryPoints: ["convex/emails/render.ts"],
      bundle: true,
      platform: "browser",
      format: "esm",
      target: "esnext",
      jsx: "automatic",
      conditions: ["convex", "module"],
      outfile: join(dir, "render.mjs"),
      metafile: true,
    });
    const inputs = Object.keys(result.metafile.inputs);
    const module = (await import(
      /* @vite-ignore */ pathToFileURL(join(dir, "render.mjs")).href
    )) as { renderEmail: typeof renderEmail };
    return { inputs, render: module.renderEmail };
  }

  test("the edge build renders with web APIs only, and needs setTimeout: an action, not a mutation", async () => {
    const { inputs, render } = await convexBundle();
    expect(inputs).toContain(
      "node_modules/@react-email/render/dist/edge/index.mjs",
    );
    expect(inputs.some((path) => path.includes("server.node"))).toBe(false);
    const link = "http://localhost:5173/verify-email?token=t";
    expect((await render("verifyAddress", { link })).text).toContain(link);
    // What Convex's runtime does with timers in queries and mutations.
    vi.stubGlobal("setTimeout", () => {
      throw new Error("Can't use setTimeout in queries and mutations.");
    });
    try {
      await expect(render("verifyAddress", { link })).rejects.toThrow(
        /setTimeout/,
      );
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
