// Runs before the first paint (a blocking script in <head>, an external file
// so the CSP needs no inline script): the saved theme, else the system's.
// The app's theme toggle (src/lib/theme.ts) writes the same key.
try {
  const saved = localStorage.getItem("theme");
  const dark =
    saved === "dark" ||
    (saved !== "light" && matchMedia("(prefers-color-scheme: dark)").matches);
  document.documentElement.classList.toggle("dark", dark);
} catch {
  // Storage blocked: follow the light theme.
}
