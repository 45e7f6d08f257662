/**
 * Every public Convex function, found by scanning convex/, must be listed
 * here with how it is guarded; a new public function fails this test until it
 * is listed (and so until someone has thought about who may call it).
 */
import { makeFunctionReference } from "convex/server";
import { describe, expect, test } from "vitest";
import type { Id } from "../convex/_generated/dataModel";
import { internal } from "../convex/_generated/api";
import {
  asSession,
  makeBackend,
  newUser,
  signInSession,
  signUp,
  type Backend,
} from "./support/backend";
import { appUserRow } from "./support/fixtures";

type Guard = "public" | "user" | "org" | "admin";
type Kind = "query" | "mutation" | "action";

type Args = Record<string, unknown>;

const page = { numItems: 5, cursor: null };

/** Someone's real app row, so argument validation passes and the guard decides. */
async function someUserId(t: Backend): Promise<Id<"users">> {
  return await t.run(
    async (ctx) =>
      await ctx.db.insert(
        "users",
        appUserRow({
          authId: "someone",
          email: "someone@example.com",
        }),
      ),
  );
}

async function someUser(t: Backend): Promise<Args> {
  return { userId: await someUserId(t) };
}

async function realUserId(t: Backend): Promise<Id<"users">> {
  const { userId: authId } = await signUp(t, newUser("real"));
  const row = await t.run(
    async (ctx) =>
      await ctx.db
        .query("users")
        .withIndex("by_authId", (q) => q.eq("authId", authId))
        .unique(),
  );
  return row!._id;
}

async function someNote(t: Backend): Promise<Args> {
  const userId = await someUserId(t);
  const id = await t.run(
    async (ctx) => await ctx.db.insert("notes", { userId, text: "theirs" }),
  );
  return { id };
}

const PUBLIC_FUNCTIONS: Record<
  string,
  { guard: Guard; args: Args | ((t: Backend) => Promise<Args>) }
> = {
  "users:me": { guard: "public", args: {} },
  "account:socialProviders": { guard: "public", args: {} },
  "account:signInMethods": { guard: "public", args: {} },
  "impersonation:current": { guard: "public", args: {} },
  // Signed out: no notes (a subscription outlives its session), see below.
  "notes:list": { guard: "public", args: {} },
  "sessionEnd:reason": { guard: "public", args: {} },
  // Only on a local deployment, refused elsewhere: tests/devMailbox.test.ts.
  "devMailbox:available": { guard: "public", args: {} },
  "devMailbox:inbox": { guard: "public", args: {} },
  "notes:create": { guard: "user", args: { text: "hello" } },
  "notes:remove": { guard: "user", args: someNote },
  // Organizations: public queries answer null or [] signed out; the rest
  // need a session, and `org` ones a membership of the active organization
  // (tests/organizations.test.ts has the rules between members).
  "organizations:active": { guard: "public", args: {} },
  "organizations:mine": { guard: "public", args: {} },
  "invitations:preview": { guard: "public", args: { invitationId: "x" } },
  "invitations:mine": { guard: "public", args: {} },
  "organizations:create": {
    guard: "user",
    args: { name: "Acme", slug: "acme" },
  },
  "organizations:setActive": { guard: "user", args: { organizationId: null } },
  "invitations:accept": { guard: "user", args: { invitationId: "x" } },
  "invitations:decline": { guard: "user", args: { invitationId: "x" } },
  "organizations:members": { guard: "org", args: {} },
  "organizations:rename": { guard: "org", args: { name: "New" } },
  "organizations:setRole": {
    guard: "org",
    args: { memberId: "x", role: "admin" },
  },
  "organizations:removeMember": { guard: "org", args: { memberId: "x" } },
  "organizations:leave": { guard: "org", args: {} },
  "organizations:transferOwnership": { guard: "org", args: { memberId: "x" } },
  "organizations:remove": { guard: "org", args: { confirmSlug: "x" } },
  "invitations:list": { guard: "org", args: {} },
  "invitations:invite": {
    guard: "org",
    args: { email: "someone@example.com", role: "member" },
  },
  "invitations:resend": { guard: "org", args: { invitationId: "x" } },
  "invitations:cancel": { guard: "org", args: { invitationId: "x" } },
  "projects:list": { guard: "org", args: {} },
  "projects:create": { guard: "org", args: { name: "Launch" } },
  "projects:remove": {
    guard: "org",
    args: async (t) => ({
      projectId: await t.run(
        async (ctx) =>
          await ctx.db.insert("projects", {
            organizationId: "someone-elses",
            name: "Theirs",
            createdBy: await ctx.db.insert(
              "users",
              appUserRow({ authId: "x", email: "x@example.com" }),
            ),
          }),
      ),
    }),
  },
  "admin:listUsers": { guard: "admin", args: { paginationOpts: page } },
  "admin:auditLog": { guard: "admin", args: { paginationOpts: page } },
  "admin:listOrganizations": {
    guard: "admin",
    args: { paginationOpts: page },
  },
  "admin:userDetail": { guard: "admin", args: someUser },
  "admin:setRole": {
    guard: "admin",
    // A real user: the role is written on the auth user.
    args: async (t) => ({ userId: await realUserId(t), role: "admin" }),
  },
  "admin:setDisabled": {
    guard: "admin",
    args: async (t) => ({ ...(await someUser(t)), disabled: true }),
  },
  "admin:revokeSessions": { guard: "admin", args: someUser },
  "admin:deleteUser": { guard: "admin", args: someUser },
};

type Registered = {
  isPublic?: boolean;
  isQuery?: boolean;
  isMutation?: boolean;
  isAction?: boolean;
};

function discoverPublicFunctions(): Map<string, Kind> {
  const modules = import.meta.glob<Record<string, unknown>>(
    // Every module, in subfolders too (convex/model/), as Convex registers
    // them; the component's own folder and generated code are not the app's.
    [
      "../convex/**/*.ts",
      "!../convex/**/*.config.ts",
      "!../convex/_generated/**",
      "!../convex/betterAuth/**",
    ],
    { eager: true },
  );
  const found = new Map<string, Kind>();
  for (const [path, exports] of Object.entries(modules)) {
    const module = path.replace("../convex/", "").replace(/\.ts$/, "");
    for (const [name, value] of Object.entries(exports)) {
      if (typeof value !== "function") continue;
      const fn = value as Registered;
      if (!fn.isPublic) continue;
      const kind: Kind = fn.isQuery
        ? "query"
        : fn.isMutation
          ? "mutation"
          : "action";
      found.set(`${module}:${name}`, kind);
    }
  }
  return found;
}

const discovered = discoverPublicFunctions();

async function call(
  t: Backend,
  client: Pick<Backend, "query" | "mutation" | "action">,
  name: string,
  argsOf: (typeof PUBLIC_FUNCTIONS)[string]["args"],
) {
  const kind = discovered.get(name)!;
  const args = typeof argsOf === "function" ? await argsOf(t) : argsOf;
  switch (kind) {
    case "query":
      return await client.query(makeFunctionReference<"query">(name), args);
    case "mutation":
      return await client.mutation(
        makeFunctionReference<"mutation">(name),
        args,
      );
    case "action":
      return await client.action(makeFunctionReference<"action">(name), args);
  }
}

describe("authorization of every public function", () => {
  test("every public function is listed with its guard", () => {
    expect([...discovered.keys()].sort()).toEqual(
      Object.keys(PUBLIC_FUNCTIONS).sort(),
    );
  });

  const guarded = Object.entries(PUBLIC_FUNCTIONS).filter(
    ([, f]) => f.guard !== "public",
  );

  test.each(guarded)(
    "%s refuses a signed-out caller",
    async (name, { args }) => {
      const t = makeBackend();
      await expect(call(t, t, name, args)).rejects.toSatisfy(
        (e: unknown) =>
          (e as { data?: { code?: string } }).data?.code === "UNAUTHENTICATED",
      );
    },
  );

  const orgOnly = guarded.filter(([, f]) => f.guard === "org");

  test.each(orgOnly)(
    "%s refuses a signed-in user outside any organization",
    async (name, { args }) => {
      const t = makeBackend();
      const asUser = await asSession(t, await signUp(t, newUser()));
      await expect(call(t, asUser, name, args)).rejects.toSatisfy(
        (e: unknown) =>
          (e as { data?: { code?: string } }).data?.code ===
          "NO_ACTIVE_ORGANIZATION",
      );
    },
  );

  const adminOnly = guarded.filter(([, f]) => f.guard === "admin");

  test.each(adminOnly)(
    "%s refuses a signed-in non-admin, and serves an admin",
    async (name, { args }) => {
      const t = makeBackend();
      const asUser = await asSession(t, await signUp(t, newUser()));
      await expect(call(t, asUser, name, args)).rejects.toSatisfy(
        (e: unknown) =>
          (e as { data?: { code?: string } }).data?.code === "FORBIDDEN",
      );

      const admin = newUser("admin");
      await t.action(internal.adminSetup.createAdminUser, admin);
      const asAdmin = await asSession(t, await signInSession(t, admin));
      await expect(call(t, asAdmin, name, args)).resolves.toBeDefined();
    },
  );

  test("a user can't read or delete another user's notes", async () => {
    const t = makeBackend();
    const alice = await asSession(t, await signUp(t, newUser("alice")));
    const bob = await asSession(t, await signUp(t, newUser("bob")));
    const noteId = await alice.mutation(
      makeFunctionReference<"mutation">("notes:create"),
      { text: "secret" },
    );
    expect(
      await bob.query(makeFunctionReference<"query">("notes:list"), {}),
    ).toEqual([]);
    await expect(
      bob.mutation(makeFunctionReference<"mutation">("notes:remove"), {
        id: noteId,
      }),
    ).rejects.toThrow(/doesn't exist/);
    expect(
      await alice.query(makeFunctionReference<"query">("notes:list"), {}),
    ).toHaveLength(1);
    // Signed out, or with a JWT whose session has ended: nothing, not an error.
    expect(
      await t.query(makeFunctionReference<"query">("notes:list"), {}),
    ).toEqual([]);
    expect(
      await t.query(makeFunctionReference<"query">("sessionEnd:reason"), {}),
    ).toBeNull();
  });
});
