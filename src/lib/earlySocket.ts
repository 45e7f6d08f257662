declare global {
  interface Window {
    /** Opened by public/early-socket.js while the page loads. */
    earlyConvexSocket?: WebSocket;
    /** Set once the client has its socket: a late early socket isn't opened. */
    convexSocketTaken?: true;
  }
}

/**
 * The Convex client's WebSocket constructor: for its first connection, the
 * socket public/early-socket.js opened while the page was loading, if it
 * is for the same URL and not closing; every other time, a new one. The
 * client sets its handlers right after construction, so a socket that has
 * already opened tells them so once they are set. The script is `async`:
 * when the app's module runs first (both cached), the client opens its own
 * and the script, seeing the flag, opens none (a second connection nobody
 * would use).
 */
export function adoptEarlySocket(): typeof WebSocket {
  function EarlyOrNewSocket(url: string) {
    const early = window.earlyConvexSocket;
    delete window.earlyConvexSocket;
    window.convexSocketTaken = true;
    if (!early || early.url !== url || early.readyState > WebSocket.OPEN) {
      early?.close();
      return new WebSocket(url);
    }
    if (early.readyState === WebSocket.OPEN)
      queueMicrotask(() => early.dispatchEvent(new Event("open")));
    return early;
  }
  return EarlyOrNewSocket as unknown as typeof WebSocket;
}
