// Idle keep-alive connections of an emulator. Node closes them after 5 s by default, and an emulator shares its event
// loop with the client under test: when a busy machine stalls that loop for longer, the server's idle timer and the
// client's next request fall due together, the server closes the socket as the request goes out on it, and the
// client sees a connection error ("fetch failed") that the real service would not have caused. Real APIs keep idle
// connections open far longer than that.
import type { Server } from "node:http";

const IDLE_CONNECTION_MS = 120_000;

/** Keeps the server's idle keep-alive connections open longer than any stall of a busy machine. */
export function keepIdleConnectionsOpen(server: Server): void {
  server.keepAliveTimeout = IDLE_CONNECTION_MS;
}
