/**
 * `npm run seed`: demo accounts on the deployment `npm start` is running,
 * each with a random password printed once.
 *
 * - The admin through `adminSetup:createAdminUser`, run by the real Convex
 *   CLI with the deployment's admin key, as an operator creates one.
 * - The demo users as a person signs up: Better Auth's `/sign-up/email`
 *   from the app's origin (the `users` row comes from the auth trigger),
 *   then the verification link the dev mailbox caught, opened with the
 *   sign-up's own cookies so the password is kept (convex/unprovenPassword.ts).
 *
 * Running it again creates nobody twice: an address that already has an
 * account is reported, and keeps the password printed the first time.
 */
import { runConvexCli } from "./convexCli";
import { mergeCookies } from "./cookies";
import { runningDeployment, type RunningDeployment } from "./localDeployment";

const ADMIN = { email: "admin@example.com", name: "Ada Admin" };
const DEMO_USERS = [
  { email: "alice@example.com", name: "Alice Demo" },
  { email: "bob@example.com", name: "Bob Demo" },
  { email: "carol@example.com", name: "Carol Demo" },
];
const VERIFY_SUBJECT = "Verify your email address";

/** 16 random characters a person can type: about 95 bits. */
function randomPassword(): string {
  const alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}

async function convexRun(
  deployment: RunningDeployment,
  fn: string,
  args: Record<string, unknown>,
): Promise<unknown> {
  const result = await runConvexCli(
    deployment,
    ["run", fn, JSON.stringify(args)],
    { workspace: "seed" },
  );
  if (result.code !== 0)
    throw new Error(`npx convex run ${fn} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim() || "null") as unknown;
}

type Mail = { subject: string; link: string; _creationTime: number } | null;

async function seedAdmin(deployment: RunningDeployment) {
  const password = randomPassword();
  const result = (await convexRun(deployment, "adminSetup:createAdminUser", {
    ...ADMIN,
    password,
  })) as { created: boolean; promoted: boolean };
  return result.created
    ? `  admin  ${ADMIN.email}  password: ${password}`
    : `  admin  ${ADMIN.email}  already exists${result.promoted ? " (made an admin now)" : ""}; its password is the one printed when it was created`;
}

async function seedUser(
  deployment: RunningDeployment,
  user: { email: string; name: string },
) {
  const password = randomPassword();
  const auth = (path: string, init: RequestInit & { cookie?: string }) =>
    fetch(`${deployment.siteUrl}/api/auth${path}`, {
      ...init,
      headers: {
        origin: deployment.appUrl,
        "content-type": "application/json",
        ...(init.cookie ? { cookie: init.cookie } : {}),
      },
    });
  const before = (await convexRun(deployment, "devMailbox:latest", {
    to: user.email,
  })) as Mail;
  const signUp = await auth("/sign-up/email", {
    method: "POST",
    body: JSON.stringify({ ...user, password }),
  });
  if (!signUp.ok)
    throw new Error(
      `Sign-up of ${user.email} failed: ${signUp.status} ${await signUp.text()}`,
    );
  // Sign-up answers an existing address like a new one (no enumeration);
  // the mail it sends tells which it was.
  const mail = (await convexRun(deployment, "devMailbox:latest", {
    to: user.email,
  })) as Mail;
  if (!mail || mail._creationTime === before?._creationTime)
    throw new Error(`No email reached the dev mailbox for ${user.email}.`);
  if (mail.subject !== VERIFY_SUBJECT)
    return `  user   ${user.email}  already exists; its password is the one printed when it was created`;
  const token = new URL(mail.link).searchParams.get("token");
  let cookie = mergeCookies("", signUp);
  const verify = await auth(
    `/verify-email?token=${encodeURIComponent(token ?? "")}`,
    { method: "GET", cookie },
  );
  if (!verify.ok)
    throw new Error(
      `Verifying ${user.email} failed: ${verify.status} ${await verify.text()}`,
    );
  // The link signs in; the seed needs no session of its own.
  cookie = mergeCookies(cookie, verify);
  await auth("/sign-out", { method: "POST", body: "{}", cookie });
  return `  user   ${user.email}  password: ${password}`;
}

const deployment = runningDeployment();
if (!deployment) {
  console.error(
    "No `npm start` is running in this project: start it (npm start), then run npm run seed in another terminal.",
  );
  process.exit(1);
}
console.log(`Seeding ${deployment.appUrl} (the npm start deployment)…`);
const lines = [await seedAdmin(deployment)];
for (const user of DEMO_USERS) lines.push(await seedUser(deployment, user));
console.log(
  `\n${lines.join("\n")}\n\nPasswords are shown only now: note them. Sign in at ${deployment.appUrl}.`,
);
