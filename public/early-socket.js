// Opens the Convex WebSocket while the page is still loading (a script at
// the end of <head>, an external file so the CSP needs no inline script):
// the handshake then overlaps the app's download and start instead of
// following them. The Convex client adopts this socket
// (src/lib/earlySocket.ts). The URL is what the client would build from
// VITE_CONVEX_URL; vite.config.ts passes both parts. The script is async:
// if the app already took a socket of its own, none is opened.
try {
  const { convexUrl, convexVersion } = document.currentScript.dataset;
  if (convexUrl && convexVersion && !window.convexSocketTaken) {
    window.earlyConvexSocket = new WebSocket(
      `${convexUrl.replace(/^http/, "ws")}/api/${convexVersion}/sync`,
    );
  }
} catch {
  // No early socket: the client opens its own.
}
