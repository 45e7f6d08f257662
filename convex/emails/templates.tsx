/**
 * Every email the app sends as a React Email template: the words of
 * convex/emailTexts.ts in the shared frame (./layout.tsx). Each one names
 * the app, gives the action as a button and as a link to copy (or a code
 * in large type), says why the person got it and what to do if they
 * didn't ask.
 *
 * Rendered in an action (./render.ts says why), in the recipient's
 * language; sent with `sendEmail(ctx, { to, template, props, locale })`
 * from convex/email.ts.
 */
import type { ReactElement } from "react";
import { m } from "../../src/paraglide/messages.js";
import {
  CODE_MINUTES,
  emailText,
  type CodeProps,
  type EmailTemplate,
  type EmailText,
  type LinkProps,
} from "../emailTexts";
import type { Locale } from "../locales";
import { Action, Code, EmailFrame, Paragraph } from "./layout";

function Words({ email }: { email: EmailText }) {
  return email.body.map((paragraph) => (
    <Paragraph key={paragraph}>{paragraph}</Paragraph>
  ));
}

/** An email about one link: the action. */
export function LinkEmail({
  email,
  locale,
  link,
}: { email: EmailText; locale: Locale } & LinkProps) {
  return (
    <EmailFrame
      locale={locale}
      preview={email.body[0] ?? email.heading}
      heading={email.heading}
      why={email.why}
      ifNotYou={email.ifNotYou}
    >
      <Words email={email} />
      <Action
        locale={locale}
        label={email.action ?? email.heading}
        href={link}
      />
    </EmailFrame>
  );
}

/** An email carrying a one-time code: no link to click. */
export function CodeEmail({
  email,
  locale,
  code,
}: { email: EmailText; locale: Locale } & CodeProps) {
  return (
    <EmailFrame
      locale={locale}
      preview={email.body[0] ?? email.heading}
      heading={email.heading}
      why={email.why}
      ifNotYou={email.ifNotYou}
    >
      <Words email={email} />
      <Code code={code} />
      <Paragraph>
        {m.email_code_expiry({ minutes: CODE_MINUTES }, { locale })}
      </Paragraph>
    </EmailFrame>
  );
}

/**
 * The template of `name` with `props`, in `locale`; throws if they don't go
 * together.
 */
export function emailElement(
  name: EmailTemplate,
  props: LinkProps | CodeProps,
  locale: Locale,
): ReactElement {
  const email = emailText(name, locale);
  if (email.kind === "link" && "link" in props) {
    return <LinkEmail email={email} locale={locale} link={props.link} />;
  }
  if (email.kind === "code" && "code" in props) {
    return <CodeEmail email={email} locale={locale} code={props.code} />;
  }
  throw new Error(`The ${name} email takes a ${email.kind}.`);
}
