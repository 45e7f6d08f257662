import { defineComponent } from "convex/server";

// Local Install of the Better Auth component: its schema (generated) and
// adapter functions live in this folder, so any Better Auth plugin's tables
// and fields can be added (README, "Adding a Better Auth plugin").
const component = defineComponent("betterAuth");

export default component;
