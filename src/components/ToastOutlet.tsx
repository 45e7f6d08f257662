import { lazy, Suspense } from "react";
import { useToastsWanted } from "@/lib/toast";

const Toaster = lazy(() =>
  import("@/components/ui/sonner").then((module) => ({
    default: module.Toaster,
  })),
);

/** Where toasts appear; loads sonner only once `notify()` is first called. */
export function ToastOutlet() {
  const wanted = useToastsWanted();
  if (!wanted) return null;
  return (
    <Suspense fallback={null}>
      <Toaster position="bottom-center" closeButton />
    </Suspense>
  );
}
