/**
 * `npm run email:preview`: every email template rendered with sample data,
 * as HTML and text files in .email-preview/, plus an index.html linking
 * them. Open the index in a browser; rerun after changing a template.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { renderEmail } from "../convex/emails/render";
import { EMAIL_SAMPLES } from "./emailSamples";

const OUT = resolve(".email-preview");

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
const rows: string[] = [];
for (const [name, props] of EMAIL_SAMPLES) {
  const email = await renderEmail(name, props);
  writeFileSync(join(OUT, `${name}.html`), email.html);
  writeFileSync(
    join(OUT, `${name}.txt`),
    `Subject: ${email.subject}\n\n${email.text}\n`,
  );
  rows.push(
    `<li><a href="${name}.html">${name}</a> (<a href="${name}.txt">text</a>): ${email.subject}</li>`,
  );
  console.log(`${join(OUT, `${name}.html`)}\n${join(OUT, `${name}.txt`)}`);
}
writeFileSync(
  join(OUT, "index.html"),
  `<!doctype html><meta charset="utf-8"><title>Email previews</title><ul>${rows.join("")}</ul>\n`,
);
console.log(`\nOpen ${join(OUT, "index.html")} in a browser.`);
