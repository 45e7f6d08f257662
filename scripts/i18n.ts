/**
 * `npm run i18n`: compiles messages/ into src/paraglide/ (generated, not
 * committed), as the Vite plugin does under `npm start` and in builds.
 */
import { compile } from "@inlang/paraglide-js";
import { PARAGLIDE_OPTIONS } from "./paraglide";

await compile(PARAGLIDE_OPTIONS);
