/**
 * Emails go out in the recipient's language: the `locale` a user chose
 * (sent at sign-up, a Better Auth user field mirrored to the app row), or
 * for an address without an account the base language (an invitation: the
 * inviter's). End to end through the real routes and the dev mailbox.
 */
import { describe, expect, test } from "vitest";
import { api, internal } from "../convex/_generated/api";
import { emailText, type EmailTemplate } from "../convex/emailTexts";
import type { Locale } from "../convex/locales";
import {
  appRowOf,
  authFetch,
  finishScheduled,
  makeBackend,
  newUser,
  PASSWORD,
  type Backend,
} from "./support/backend";
import { orgOf, person, type Person } from "./support/organizations";

const subject = (template: EmailTemplate, locale: Locale) =>
  emailText(template, locale).subject;

/** The newest mail to `to`, rendered (HTML and text filled in). */
async function latestMail(t: Backend, to: string) {
  await finishScheduled(t);
  const mail = await t.query(internal.devMailbox.latest, { to });
  if (!mail) throw new Error(`no mail to ${to}`);
  return mail;
}

/** Signs up someone whose language is German, as the SPA's sign-up does. */
const germanPerson = (t: Backend, prefix: string): Promise<Person> =>
  person(t, prefix, { locale: "de" });

describe("emails in the recipient's language", () => {
  test("signing up with locale de mails the verification in German, and keeps the choice", async () => {
    const t = makeBackend();
    const user = { ...newUser("de"), locale: "de" };
    const response = await authFetch(t, "/sign-up/email", { body: user });
    expect(response.status).toBe(200);
    const mail = await latestMail(t, user.email);
    expect(mail.template).toBe("verifyAddress");
    expect(mail.subject).toBe("Bestätige deine E-Mail-Adresse");
    expect(mail.subject).toBe(subject("verifyAddress", "de"));
    expect(mail.html).toContain('lang="de"');
    expect(mail.text).toContain("Oder kopiere diesen Link in deinen Browser:");
    expect(mail.text).toContain(emailText("verifyAddress", "de").why);
    expect((await appRowOf(t, user.email)).locale).toBe("de");
  });

  test("without a locale, the verification is in English", async () => {
    const t = makeBackend();
    const user = newUser();
    await authFetch(t, "/sign-up/email", { body: user });
    const mail = await latestMail(t, user.email);
    expect(mail.subject).toBe("Verify your email address");
    expect(mail.html).toContain('lang="en"');
  });

  test("an unknown locale at sign-up is refused (400 VALIDATION_ERROR), and nothing is mailed", async () => {
    const t = makeBackend();
    const user = { ...newUser(), locale: "xx" };
    const response = await authFetch(t, "/sign-up/email", { body: user });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: "VALIDATION_ERROR" });
    await finishScheduled(t);
    expect(
      await t.query(internal.devMailbox.latest, { to: user.email }),
    ).toBeNull();
  });

  test("mails asked for by address only (link, code, reset) find the account's language", async () => {
    const t = makeBackend();
    const { user } = await germanPerson(t, "de");
    await authFetch(t, "/sign-in/magic-link", {
      body: { email: user.email, callbackURL: "/" },
    });
    expect((await latestMail(t, user.email)).subject).toBe(
      subject("magicLink", "de"),
    );
    await authFetch(t, "/email-otp/send-verification-otp", {
      body: { email: user.email, type: "sign-in" },
    });
    const code = await latestMail(t, user.email);
    expect(code.subject).toBe(subject("signInCode", "de"));
    expect(code.text).toContain("Der Code ist 5 Minuten lang gültig.");
    await authFetch(t, "/request-password-reset", {
      body: { email: user.email, redirectTo: "/reset-password" },
    });
    expect((await latestMail(t, user.email)).subject).toBe(
      subject("resetPassword", "de"),
    );
  });

  test("a security notice is in the owner's language", async () => {
    const t = makeBackend();
    const { user, session } = await germanPerson(t, "de");
    const changed = await authFetch(t, "/change-password", {
      cookie: session.cookie,
      body: { currentPassword: PASSWORD, newPassword: "new pass 12" },
    });
    expect(changed.status).toBe(200);
    const mail = await latestMail(t, user.email);
    expect(mail.subject).toBe(subject("passwordChanged", "de"));
    expect(mail.text).toContain(emailText("passwordChanged", "de").ifNotYou);
  });

  test("an invitation: the invitee's language if they have an account, else the inviter's", async () => {
    const t = makeBackend();
    const englishOwner = await person(t, "owner");
    await orgOf(englishOwner);
    const germanInvitee = await germanPerson(t, "invitee");
    await englishOwner.as.mutation(api.invitations.invite, {
      email: germanInvitee.user.email,
      role: "member",
    });
    expect((await latestMail(t, germanInvitee.user.email)).subject).toBe(
      subject("invitation", "de"),
    );
    const stranger = newUser("stranger");
    await englishOwner.as.mutation(api.invitations.invite, {
      email: stranger.email,
      role: "member",
    });
    expect((await latestMail(t, stranger.email)).subject).toBe(
      subject("invitation", "en"),
    );

    const germanOwner = await germanPerson(t, "owner");
    await orgOf(germanOwner);
    const other = newUser("other");
    await germanOwner.as.mutation(api.invitations.invite, {
      email: other.email,
      role: "member",
    });
    const mail = await latestMail(t, other.email);
    expect(mail.subject).toBe(subject("invitation", "de"));
    expect(mail.html).toContain('lang="de"');
  });
});
