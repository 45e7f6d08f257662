/**
 * The app's name as people see it: authenticator apps, passkey prompts and
 * every email. Its own module so the email templates can use it without
 * loading Better Auth.
 */
export const APP_NAME = "Convex + Better Auth starter";
