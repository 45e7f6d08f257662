import type { CSSProperties } from "react";
import { Toaster as Sonner, type ToasterProps } from "sonner";
import { useTheme } from "@/lib/theme";

/**
 * shadcn/ui's Toaster, themed from src/lib/theme.ts (the registry's reads
 * next-themes). Mounted by `ToastOutlet` only once a toast is asked for.
 */
export function Toaster(props: ToasterProps) {
  const [theme] = useTheme();
  return (
    <Sonner
      theme={theme}
      className="toaster group"
      style={
        {
          "--normal-bg": "var(--popover)",
          "--normal-text": "var(--popover-foreground)",
          "--normal-border": "var(--border)",
        } as CSSProperties
      }
      {...props}
    />
  );
}
