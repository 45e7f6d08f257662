import {
  useId,
  useState,
  type FormEvent,
  type InputHTMLAttributes,
  type ReactNode,
} from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { prefetched } from "@/lib/prefetched";
import { m } from "@/paraglide/messages";

const useStatusIcon = prefetched(() => import("@/components/StatusIcon"));

/** A labelled input; the label text is what tests and screen readers find. */
export function Field({
  label,
  className,
  ...input
}: { label: string } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div className={className ?? "grid gap-2"}>
      <Label htmlFor={id}>{label}</Label>
      <Input id={id} required {...input} />
    </div>
  );
}

/** An error in `role="alert"`, read out at once; its text is the message. */
export function ErrorMessage({ message }: { message: string | null }) {
  const StatusIcon = useStatusIcon();
  if (!message) return null;
  return (
    <Alert variant="destructive">
      {/* eslint-disable-next-line react-hooks/static-components */}
      {StatusIcon && <StatusIcon kind="error" />}
      <AlertDescription>{message}</AlertDescription>
    </Alert>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  const StatusIcon = useStatusIcon();
  return (
    <Alert variant="success" role="status">
      {/* eslint-disable-next-line react-hooks/static-components */}
      {StatusIcon && <StatusIcon kind="success" />}
      <AlertDescription>{children}</AlertDescription>
    </Alert>
  );
}

/** A form laid out as a column of fields. */
export function Form({
  onSubmit,
  children,
  className,
}: {
  onSubmit: (event: FormEvent) => void;
  children: ReactNode;
  className?: string;
}) {
  return (
    <form onSubmit={onSubmit} className={className ?? "flex flex-col gap-4"}>
      {children}
    </form>
  );
}

/** Fields and button on one line when there is room; stacked at 360 px. */
export const inlineForm = "flex flex-col gap-3 sm:flex-row sm:items-end";

/**
 * Runs a form's async action with a pending flag and an error message.
 * The action returns an error message to show, or nothing on success.
 */
export function useFormAction(action: () => Promise<string | void>) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      const message = await action();
      if (message) setError(message);
    } catch {
      setError(m.auth_something_went_wrong());
    } finally {
      setPending(false);
    }
  };
  return { pending, error, setError, onSubmit };
}
