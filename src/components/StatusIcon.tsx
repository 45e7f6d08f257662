import { CircleAlert, CircleCheck } from "lucide-react";

/**
 * The icon of an error or a notice (src/components/Form.tsx). Its own
 * chunk, fetched as the app starts: with it, the first bundle carries no
 * icon library at all, and it is there long before a form has an answer.
 */
export default function StatusIcon({ kind }: { kind: "error" | "success" }) {
  return kind === "error" ? (
    <CircleAlert aria-hidden />
  ) : (
    <CircleCheck aria-hidden />
  );
}
