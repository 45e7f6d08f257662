/**
 * Example of data owned by an organization: its projects. Every function is
 * an orgQuery/orgMutation, so each read and write is scoped to the caller's
 * active organization (`ctx.org`), and an id from another organization is
 * answered like a missing one.
 */
import { v } from "convex/values";
import { orgMutation, orgQuery } from "./authorization";
import { appError } from "./errors";
import { MAX_PROJECT_NAME_LENGTH } from "./validation";

const LIST_LIMIT = 100;

export const list = orgQuery({
  args: {},
  handler: async (ctx) => {
    const projects = await ctx.db
      .query("projects")
      .withIndex("by_organizationId", (q) =>
        q.eq("organizationId", ctx.org._id),
      )
      .order("desc")
      .take(LIST_LIMIT);
    return projects.map((project) => ({
      id: project._id,
      name: project.name,
      createdAt: project._creationTime,
    }));
  },
});

export const create = orgMutation({
  args: { name: v.string() },
  permission: { project: "create" },
  handler: async (ctx, args) => {
    const name = args.name.trim();
    if (!name || name.length > MAX_PROJECT_NAME_LENGTH) {
      throw appError("INVALID_INPUT", {
        key: "project_name",
        params: { max: MAX_PROJECT_NAME_LENGTH },
      });
    }
    return await ctx.db.insert("projects", {
      organizationId: ctx.org._id,
      name,
      createdBy: ctx.user._id,
    });
  },
});

export const remove = orgMutation({
  args: { projectId: v.id("projects") },
  permission: { project: "delete" },
  handler: async (ctx, { projectId }) => {
    const project = await ctx.db.get("projects", projectId);
    if (!project || project.organizationId !== ctx.org._id) {
      throw appError("NOT_FOUND", { key: "project_not_found" });
    }
    await ctx.db.delete("projects", projectId);
  },
});
