import type { ComponentProps } from "react";
import { cn } from "@/lib/utils";

/** shadcn/ui's Label on a plain <label>: Radix's adds nothing this app uses. */
export function Label({ className, ...props }: ComponentProps<"label">) {
  return (
    <label
      data-slot="label"
      className={cn(
        "flex items-center gap-2 text-sm leading-none font-medium select-none peer-disabled:cursor-not-allowed peer-disabled:opacity-50",
        className,
      )}
      {...props}
    />
  );
}
