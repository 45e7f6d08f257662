import { useState, type ReactNode } from "react";
import { ErrorMessage } from "@/components/Form";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { m } from "@/paraglide/messages";

type ConfirmProps = {
  title: string;
  description: ReactNode;
  /** The confirming button's text: the action itself ("Delete passkey"). */
  confirmLabel: string;
  destructive?: boolean;
  /** Runs on confirm; a returned message shows in the dialog, which stays. */
  onConfirm: () => Promise<string | void>;
};

/**
 * A confirmation (shadcn/ui AlertDialog) opened by the caller, for actions
 * that start from a form: the form's submit opens it.
 */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  description,
  confirmLabel,
  destructive = false,
  onConfirm,
}: ConfirmProps & { open: boolean; onOpenChange: (open: boolean) => void }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    setPending(true);
    setError(null);
    try {
      const message = await onConfirm();
      if (message) setError(message);
      else onOpenChange(false);
    } catch {
      setError(m.app_failed_check_connection());
    } finally {
      setPending(false);
    }
  };
  return (
    <AlertDialog
      open={open}
      onOpenChange={(next) => {
        if (pending) return;
        setError(null);
        onOpenChange(next);
      }}
    >
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>{title}</AlertDialogTitle>
          <AlertDialogDescription>{description}</AlertDialogDescription>
        </AlertDialogHeader>
        <ErrorMessage message={error} />
        <AlertDialogFooter>
          <AlertDialogCancel disabled={pending}>
            {m.app_cancel()}
          </AlertDialogCancel>
          {/* Not AlertDialogAction: that closes the dialog before the
              action has finished or failed. */}
          <Button
            variant={destructive ? "destructive" : "default"}
            disabled={pending}
            onClick={() => void confirm()}
          >
            {confirmLabel}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}

/** A button that asks before it acts: the usual way to confirm. */
export function ConfirmButton({
  children,
  variant = "outline",
  size = "sm",
  disabled,
  ...confirm
}: ConfirmProps & {
  children: ReactNode;
  variant?: "outline" | "destructive" | "ghost" | "default";
  size?: "sm" | "default";
  disabled?: boolean;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        variant={variant}
        size={size}
        disabled={disabled}
        onClick={() => setOpen(true)}
      >
        {children}
      </Button>
      <ConfirmDialog open={open} onOpenChange={setOpen} {...confirm} />
    </>
  );
}
