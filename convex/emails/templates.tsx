/**
 * Every email the app sends as a React Email template: the words of
 * convex/emailTexts.ts in the shared frame (./layout.tsx). Each one names
 * the app, gives the action as a button and as a link to copy (or a code
 * in large type), says why the person got it and what to do if they
 * didn't ask.
 *
 * Rendered in an action (./render.ts says why); sent with
 * `sendEmail(ctx, { to, template, props })` from convex/email.ts.
 */
import type { ReactElement } from "react";
import {
  CODE_MINUTES,
  EMAIL_TEXTS,
  type CodeProps,
  type EmailTemplate,
  type EmailText,
  type LinkProps,
} from "../emailTexts";
import { Action, Code, EmailFrame, Paragraph } from "./layout";

function Words({ email }: { email: EmailText }) {
  return email.body.map((paragraph) => (
    <Paragraph key={paragraph}>{paragraph}</Paragraph>
  ));
}

/** An email about one link: the action. */
export function LinkEmail({ email, link }: { email: EmailText } & LinkProps) {
  return (
    <EmailFrame
      preview={email.body[0] ?? email.heading}
      heading={email.heading}
      why={email.why}
      ifNotYou={email.ifNotYou}
    >
      <Words email={email} />
      <Action label={email.action ?? email.heading} href={link} />
    </EmailFrame>
  );
}

/** An email carrying a one-time code: no link to click. */
export function CodeEmail({ email, code }: { email: EmailText } & CodeProps) {
  return (
    <EmailFrame
      preview={email.body[0] ?? email.heading}
      heading={email.heading}
      why={email.why}
      ifNotYou={email.ifNotYou}
    >
      <Words email={email} />
      <Code code={code} />
      <Paragraph>
        {`It expires in ${CODE_MINUTES} minutes. Nobody from the app will ever ask you for it.`}
      </Paragraph>
    </EmailFrame>
  );
}

/** The template of `name` with `props`; throws if they don't go together. */
export function emailElement(
  name: EmailTemplate,
  props: LinkProps | CodeProps,
): ReactElement {
  const email: EmailText = EMAIL_TEXTS[name];
  if (email.kind === "link" && "link" in props) {
    return <LinkEmail email={email} link={props.link} />;
  }
  if (email.kind === "code" && "code" in props) {
    return <CodeEmail email={email} code={props.code} />;
  }
  throw new Error(`The ${name} email takes a ${email.kind}.`);
}
