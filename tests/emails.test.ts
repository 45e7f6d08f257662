/**
 * Every email template, rendered with scripts/emailSamples.ts: snapshots of
 * its HTML and text (an unintended change fails; `npx vitest run
 * tests/emails.test.ts -u` accepts an intended one), and what each must say.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { describe, expect, test, vi } from "vitest";
import { APP_NAME } from "../convex/appName";
import { CODE_MINUTES, EMAIL_TEXTS } from "../convex/emailTexts";
import { renderEmail } from "../convex/emails/render";
import { EMAIL_SAMPLES } from "../scripts/emailSamples";

describe.each(EMAIL_SAMPLES)("the %s email", (name, props) => {
  test("matches its snapshot, HTML and text", async () => {
    const email = await renderEmail(name, props);
    await expect(email.html).toMatchFileSnapshot(
      `__snapshots__/emails/${name}.html`,
    );
    await expect(
      `Subject: ${email.subject}\n\n${email.text}\n`,
    ).toMatchFileSnapshot(`__snapshots__/emails/${name}.txt`);
  });

  test("names the app, gives the action, why it came and what to do if unasked", async () => {
    const email = await renderEmail(name, props);
    const words = EMAIL_TEXTS[name];
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
      expect(email.text).toContain("Or copy this link into your browser:");
    } else {
      expect(email.text).toContain(props.code);
      expect(email.text).toContain(`It expires in ${CODE_MINUTES} minutes.`);
      expect(email.html).not.toContain("href=");
    }
  });
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
