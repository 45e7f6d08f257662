/**
 * Email on a deployed app: without Resend, requests that would email a link
 * are refused (nothing written, the log names the fix) instead of landing in
 * the dev mailbox; finished emails and dev-mailbox rows are cleared on a
 * schedule; Resend's delivery webhook is checked against its secret.
 */
import { createHmac, randomBytes } from "node:crypto";
import { afterEach, describe, expect, test, vi } from "vitest";
import { components, internal } from "../convex/_generated/api";
import { Resend } from "@convex-dev/resend";
import crons from "../convex/crons";
import {
  appUsers,
  authRows,
  finishScheduled,
  makeBackend,
  newUser,
  setTestEnv,
  type Backend,
} from "./support/backend";

const APP = "https://app.example.com";

afterEach(() => {
  setTestEnv();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

function fromApp(t: Backend, path: string, body: Record<string, unknown>) {
  return t.fetch(`/api/auth${path}`, {
    method: "POST",
    headers: { origin: APP, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

function logged() {
  const lines: string[] = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    lines.push(args.map(String).join(" "));
  });
  return lines;
}

describe("a deployed app without RESEND_API_KEY", () => {
  test("refuses every request that would email a link, writes nothing, and logs the fix", async () => {
    const t = makeBackend();
    process.env.SITE_URL = APP;
    const errors = logged();
    const user = newUser();
    const requests: [string, Record<string, unknown>][] = [
      ["/sign-up/email", user],
      ["/request-password-reset", { email: user.email, redirectTo: APP }],
      ["/sign-in/magic-link", { email: user.email, callbackURL: APP }],
      ["/send-verification-email", { email: user.email, callbackURL: APP }],
    ];
    for (const [path, body] of requests) {
      const response = await fromApp(t, path, body);
      expect(response.status, path).toBe(503);
      expect(await response.json(), path).toMatchObject({
        code: "EMAIL_NOT_CONFIGURED",
        message: expect.stringMatching(/Email is not configured/),
      });
    }
    expect(await authRows(t, "user")).toEqual([]);
    expect(await appUsers(t)).toEqual([]);
    expect(
      await t.query(internal.devMailbox.latest, { to: user.email }),
    ).toBeNull();
    expect(errors.join("\n")).toContain(
      "npx convex env set RESEND_API_KEY re_… and npx convex env set EMAIL_FROM",
    );
  });

  test("with Resend configured, sign-up works and the email goes to Resend, not the mailbox", async () => {
    const t = makeBackend();
    process.env.SITE_URL = APP;
    process.env.RESEND_API_KEY = "re_test_key_for_the_resend_component";
    process.env.EMAIL_FROM = "Starter <noreply@example.com>";
    const sent = vi.spyOn(Resend.prototype, "sendEmail");
    const user = newUser();
    expect((await fromApp(t, "/sign-up/email", user)).status).toBe(200);
    expect(await appUsers(t)).toHaveLength(1);
    expect(
      await t.query(internal.devMailbox.latest, { to: user.email }),
    ).toBeNull();
    // Rendered by the scheduled action: HTML and text, the same link in both.
    await finishScheduled(t);
    expect(sent).toHaveBeenCalledTimes(1);
    const link = `${APP}/verify-email?token=`;
    expect(sent).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({
        from: "Starter <noreply@example.com>",
        to: user.email,
        subject: "Verify your email address",
        html: expect.stringContaining(link),
        text: expect.stringContaining(link),
      }),
    );
  });

  test("the CLI's admin bootstrap still hands over a set-password link", async () => {
    const t = makeBackend();
    process.env.SITE_URL = APP;
    const result = await t.action(internal.adminSetup.createAdminUser, {
      email: "ada@example.com",
      name: "Ada",
    });
    expect(result.created).toBe(true);
    expect(result.passwordResetLink).toMatch(/reset-password/);
  });

  test("the dev mailbox refuses to record anything", async () => {
    const t = makeBackend();
    process.env.SITE_URL = APP;
    await expect(
      t.mutation(internal.devMailbox.record, {
        to: "a@example.com",
        subject: "x",
        template: "magicLink",
        props: { link: "x" },
      }),
    ).rejects.toThrow(/Email is not configured/);
  });

  test.each([
    "http://localhost:5173",
    "http://127.0.0.1:4000",
    "http://app.localhost:5173",
    "http://[::1]:5173",
  ])("local development (%s) keeps the dev mailbox", async (site) => {
    const t = makeBackend();
    process.env.SITE_URL = site;
    vi.spyOn(console, "log").mockImplementation(() => {});
    await t.mutation(internal.devMailbox.record, {
      to: "a@example.com",
      subject: "x",
      template: "magicLink",
      props: { link: "x" },
    });
    expect(
      await t.query(internal.devMailbox.latest, { to: "a@example.com" }),
    ).not.toBeNull();
  });
});

/** An email the Resend component sent (as far as it knows), with Resend's id. */
async function sentEmail(t: Backend, resendId: string) {
  return await t.run(async (ctx) => {
    const emailId = await ctx.runMutation(
      components.resend.lib.createManualEmail,
      {
        from: "Starter <noreply@example.com>",
        to: "someone@example.com",
        subject: "Hi",
      },
    );
    await ctx.runMutation(components.resend.lib.updateManualEmail, {
      emailId,
      status: "sent",
      resendId,
    });
    return emailId;
  });
}

async function emailStatus(t: Backend, emailId: string) {
  return await t.run(
    async (ctx) =>
      await ctx.runQuery(components.resend.lib.getStatus, {
        emailId: emailId as never,
      }),
  );
}

/** Signs a body as Resend (Svix) does: HMAC-SHA256 of "id.timestamp.body". */
function signed(secret: string, body: string, timestamp = Date.now()) {
  const id = `msg_${randomBytes(8).toString("hex")}`;
  const seconds = Math.floor(timestamp / 1000);
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const signature = createHmac("sha256", key)
    .update(`${id}.${seconds}.${body}`)
    .digest("base64");
  return {
    "svix-id": id,
    "svix-timestamp": String(seconds),
    "svix-signature": `v1,${signature}`,
    "content-type": "application/json",
  };
}

const newSecret = () => `whsec_${randomBytes(24).toString("base64")}`;

function bounceOf(resendId: string): string {
  const now = new Date().toISOString();
  return JSON.stringify({
    type: "email.bounced",
    created_at: now,
    data: {
      email_id: resendId,
      created_at: now,
      from: "Starter <noreply@example.com>",
      to: ["someone@example.com"],
      subject: "Hi",
      bounce: {
        message: "No such mailbox",
        subType: "General",
        type: "Permanent",
      },
    },
  });
}

const postEvent = (t: Backend, body: string, headers: Record<string, string>) =>
  t.fetch("/resend-webhook", { method: "POST", headers, body });

describe("Resend's delivery webhook", () => {
  test("without RESEND_WEBHOOK_SECRET: 503, and the log names the fix", async () => {
    const t = makeBackend();
    const errors = logged();
    const body = bounceOf("re_1");
    const response = await postEvent(t, body, signed(newSecret(), body));
    expect(response.status).toBe(503);
    expect(errors.join("\n")).toContain(
      "npx convex env set RESEND_WEBHOOK_SECRET",
    );
  });

  test("a signed bounce is recorded; forged, stale or unsigned events get 401 and change nothing", async () => {
    const t = makeBackend();
    const secret = newSecret();
    process.env.RESEND_WEBHOOK_SECRET = secret;
    const emailId = await sentEmail(t, "re_bounce_1");
    const body = bounceOf("re_bounce_1");

    for (const headers of [
      signed(newSecret(), body),
      signed(secret, body, Date.now() - 3600_000),
      {},
    ]) {
      expect((await postEvent(t, body, headers)).status).toBe(401);
    }
    expect(await emailStatus(t, emailId)).toMatchObject({
      status: "sent",
      bounced: false,
    });

    expect((await postEvent(t, body, signed(secret, body))).status).toBe(201);
    expect(await emailStatus(t, emailId)).toMatchObject({
      status: "bounced",
      bounced: true,
    });
  });
});

describe("email retention", () => {
  test("the hourly cron clears finished emails after a week, unfinished after four, dev-mailbox rows after a day", async () => {
    expect(
      Object.entries(crons.crons).map(([name, job]) => [name, job.name]),
    ).toEqual([
      ["clear old emails and dev-mailbox rows", "retention:clearOldEmails"],
    ]);

    vi.useFakeTimers();
    const t = makeBackend();
    vi.spyOn(console, "log").mockImplementation(() => {});
    process.env.RESEND_WEBHOOK_SECRET = newSecret();
    const record = (to: string) =>
      t.mutation(internal.devMailbox.record, {
        to,
        subject: "x",
        template: "magicLink",
        props: { link: "x" },
      });
    const latestTo = (to: string) =>
      t.query(internal.devMailbox.latest, { to });
    const clear = async () => {
      await t.mutation(internal.retention.clearOldEmails, {});
      await t.finishAllScheduledFunctions(vi.runAllTimers, 100);
    };
    const days = (n: number) => vi.setSystemTime(Date.now() + n * 86_400_000);

    await record("old@example.com");
    const bounced = await sentEmail(t, "re_retention_1");
    const body = bounceOf("re_retention_1");
    await postEvent(t, body, signed(process.env.RESEND_WEBHOOK_SECRET, body));
    const unfinished = await sentEmail(t, "re_retention_2");

    days(2);
    await record("new@example.com");
    await clear();
    expect(await latestTo("old@example.com")).toBeNull();
    expect(await latestTo("new@example.com")).not.toBeNull();
    expect(await emailStatus(t, bounced)).not.toBeNull();

    days(6); // 8 days: the finished email goes, the unfinished one stays.
    await clear();
    expect(await emailStatus(t, bounced)).toBeNull();
    expect(await emailStatus(t, unfinished)).not.toBeNull();

    days(21); // 29 days
    await clear();
    expect(await emailStatus(t, unfinished)).toBeNull();
  });
});
