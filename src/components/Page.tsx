import type { ReactNode } from "react";
import { cn } from "@/lib/utils";

/** A page's column: narrow for the one-card auth forms. */
export function Page({
  narrow = false,
  children,
}: {
  narrow?: boolean;
  children: ReactNode;
}) {
  return (
    <div
      className={cn(
        "mx-auto flex w-full flex-col gap-6",
        narrow ? "max-w-sm" : "max-w-4xl",
      )}
    >
      {children}
    </div>
  );
}
