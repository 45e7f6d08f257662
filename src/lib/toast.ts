import { useSyncExternalStore } from "react";

/**
 * Toasts that confirm a finished action ("Account deleted"). sonner (and its
 * Toaster) load on the first toast, so they cost the first bundle nothing;
 * a toast asked for before the Toaster mounts shows once it does.
 */
export type ToastKind = "success" | "error" | "info";

let wanted = false;
const listeners = new Set<() => void>();

export function notify(message: string, kind: ToastKind = "success") {
  if (!wanted) {
    wanted = true;
    listeners.forEach((listener) => listener());
  }
  void import("sonner").then(({ toast }) => toast[kind](message));
}

/** Whether any toast was asked for yet: `ToastOutlet` mounts the Toaster then. */
export function useToastsWanted() {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => wanted,
  );
}
