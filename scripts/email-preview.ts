/**
 * `npm run email:preview`: every email template rendered with sample data
 * in every language, as HTML and text files in .email-preview/<locale>/,
 * plus an index.html linking them. Open the index in a browser; rerun after
 * changing a template or its messages (messages/<locale>/emails.json).
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { renderEmail } from "../convex/emails/render";
import { locales } from "../convex/locales";
import { EMAIL_SAMPLES } from "./emailSamples";

const OUT = resolve(".email-preview");

rmSync(OUT, { recursive: true, force: true });
const sections: string[] = [];
for (const locale of locales) {
  mkdirSync(join(OUT, locale), { recursive: true });
  const rows: string[] = [];
  for (const [name, props] of EMAIL_SAMPLES) {
    const email = await renderEmail(name, props, locale);
    const file = join(locale, name);
    writeFileSync(join(OUT, `${file}.html`), email.html);
    writeFileSync(
      join(OUT, `${file}.txt`),
      `Subject: ${email.subject}\n\n${email.text}\n`,
    );
    rows.push(
      `<li><a href="${file}.html">${name}</a> (<a href="${file}.txt">text</a>): ${email.subject}</li>`,
    );
    console.log(`${join(OUT, `${file}.html`)}\n${join(OUT, `${file}.txt`)}`);
  }
  sections.push(`<h2 lang="${locale}">${locale}</h2><ul>${rows.join("")}</ul>`);
}
writeFileSync(
  join(OUT, "index.html"),
  `<!doctype html><meta charset="utf-8"><title>Email previews</title>${sections.join("")}\n`,
);
console.log(`\nOpen ${join(OUT, "index.html")} in a browser.`);
