import type { ComponentProps } from "react";
import { cn } from "@/lib/utils";

/**
 * A native checkbox in the theme's colours. shadcn's wraps Radix Checkbox;
 * the native control is keyboard- and form-friendly already.
 */
export function Checkbox({ className, ...props }: ComponentProps<"input">) {
  return (
    <input
      type="checkbox"
      data-slot="checkbox"
      className={cn(
        "peer size-4 shrink-0 rounded-[4px] border border-input accent-primary shadow-xs outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50 disabled:cursor-not-allowed disabled:opacity-50",
        className,
      )}
      {...props}
    />
  );
}
