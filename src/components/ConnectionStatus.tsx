import { useConvexConnectionState } from "convex/react";
import { useEffect, useState, useSyncExternalStore } from "react";
import { useReconnecting } from "@/lib/convexAuth";
import { m } from "@/paraglide/messages";

const subscribeOnline = (onChange: () => void) => {
  window.addEventListener("online", onChange);
  window.addEventListener("offline", onChange);
  return () => {
    window.removeEventListener("online", onChange);
    window.removeEventListener("offline", onChange);
  };
};

/**
 * What the header says while the app can't reach the server: "Offline"
 * (the browser says so), "Reconnecting…" (a token request being retried,
 * or the WebSocket down for over a second after it had connected: a blip
 * shows nothing), else nothing. Subscriptions resume, and changes made
 * meanwhile are sent once the socket is back.
 */
export default function ConnectionStatus() {
  const retrying = useReconnecting();
  const online = useSyncExternalStore(subscribeOnline, () => navigator.onLine);
  const { isWebSocketConnected, hasEverConnected } = useConvexConnectionState();
  const dropped = hasEverConnected && !isWebSocketConnected;
  const [longDropped, setLongDropped] = useState(false);
  useEffect(() => {
    if (!dropped) return;
    const timer = setTimeout(() => setLongDropped(true), 1000);
    return () => {
      clearTimeout(timer);
      setLongDropped(false);
    };
  }, [dropped]);
  if (online && !retrying && !longDropped) return null;
  return (
    <span role="status" className="px-2 text-sm text-muted-foreground">
      {online ? m.app_reconnecting() : m.app_offline()}
    </span>
  );
}
