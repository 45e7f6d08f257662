/**
 * The frame every email shares: the app's name, its colours, the action as
 * a button and as a link to copy, why the person got the email and what to
 * do if they didn't ask. Only the app's own words go in (see the top of
 * ./templates.tsx).
 */
import {
  Body,
  Button,
  Container,
  Head,
  Heading,
  Hr,
  Html,
  Link,
  Preview,
  Section,
  Text,
} from "@react-email/components";
import type { ReactNode } from "react";
import { m } from "../../src/paraglide/messages.js";
import { APP_NAME } from "../appName";
import type { Locale } from "../locales";

/**
 * The SPA's light theme (src/index.css, shadcn/ui's neutral palette), as
 * hex: mail clients don't read oklch() or CSS variables.
 */
export const EMAIL_COLOURS = {
  background: "#ffffff",
  foreground: "#0a0a0a",
  primary: "#171717",
  primaryForeground: "#fafafa",
  muted: "#f5f5f5",
  mutedForeground: "#636363",
  border: "#e5e5e5",
} as const;

const font =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

export type EmailFrameProps = {
  /** The recipient's language: the frame's own words, and `<html lang>`. */
  locale: Locale;
  /** The inbox's one-line summary. */
  preview: string;
  heading: string;
  /** Why they got it ("Someone asked to … for this address."). */
  why: string;
  /** What to do if it wasn't them. */
  ifNotYou: string;
  children: ReactNode;
};

export function EmailFrame({
  locale,
  preview,
  heading,
  why,
  ifNotYou,
  children,
}: EmailFrameProps) {
  return (
    <Html lang={locale}>
      <Head />
      <Preview>{preview}</Preview>
      <Body
        style={{
          backgroundColor: EMAIL_COLOURS.muted,
          color: EMAIL_COLOURS.foreground,
          fontFamily: font,
          margin: 0,
          padding: "24px 0",
        }}
      >
        <Container
          style={{
            backgroundColor: EMAIL_COLOURS.background,
            border: `1px solid ${EMAIL_COLOURS.border}`,
            borderRadius: 10,
            maxWidth: 480,
            padding: 32,
          }}
        >
          <Text
            style={{
              color: EMAIL_COLOURS.mutedForeground,
              fontSize: 14,
              fontWeight: 600,
              margin: 0,
            }}
          >
            {APP_NAME}
          </Text>
          <Heading
            as="h1"
            style={{ fontSize: 22, lineHeight: "28px", margin: "16px 0" }}
          >
            {heading}
          </Heading>
          {children}
          <Hr style={{ borderColor: EMAIL_COLOURS.border, margin: "24px 0" }} />
          <Text style={small}>{why}</Text>
          <Text style={small}>{ifNotYou}</Text>
        </Container>
      </Body>
    </Html>
  );
}

const small = {
  color: EMAIL_COLOURS.mutedForeground,
  fontSize: 13,
  lineHeight: "20px",
  margin: "8px 0",
} as const;

export function Paragraph({ children }: { children: ReactNode }) {
  return (
    <Text style={{ fontSize: 15, lineHeight: "24px", margin: "0 0 16px" }}>
      {children}
    </Text>
  );
}

/** The action: a button, and the same link in full to copy. */
export function Action({
  locale,
  label,
  href,
}: {
  locale: Locale;
  label: string;
  href: string;
}) {
  return (
    <Section style={{ margin: "8px 0 16px" }}>
      <Button
        href={href}
        style={{
          backgroundColor: EMAIL_COLOURS.primary,
          borderRadius: 8,
          color: EMAIL_COLOURS.primaryForeground,
          fontSize: 15,
          fontWeight: 600,
          padding: "12px 20px",
          textDecoration: "none",
        }}
      >
        {label}
      </Button>
      <Text style={{ ...small, marginTop: 16 }}>
        {m.email_copy_link({}, { locale })}
      </Text>
      <Link
        href={href}
        style={{
          color: EMAIL_COLOURS.foreground,
          fontSize: 13,
          textDecoration: "underline",
          wordBreak: "break-all",
        }}
      >
        {href}
      </Link>
    </Section>
  );
}

/** A one-time code in large type: read, not clicked. */
export function Code({ code }: { code: string }) {
  return (
    <Section
      style={{
        backgroundColor: EMAIL_COLOURS.muted,
        borderRadius: 8,
        margin: "8px 0 16px",
        padding: "16px 0",
        textAlign: "center",
      }}
    >
      <Text
        style={{
          fontFamily: "ui-monospace, SFMono-Regular, Menlo, monospace",
          fontSize: 32,
          fontWeight: 700,
          letterSpacing: "8px",
          margin: 0,
        }}
      >
        {code}
      </Text>
    </Section>
  );
}
