import { type App, SocketModeReceiver } from "@slack/bolt";

/**
 * Whether the app's Socket Mode connection to Slack is open right now (it reconnects by itself
 * after a drop). Bolt keeps its receiver private and says nothing when the connection drops; the
 * receiver's Socket Mode client is the one place that knows, so it is read here, in one place.
 */
export function socketModeConnected(app: App): boolean {
  const receiver: unknown = Reflect.get(app, "receiver");
  if (!(receiver instanceof SocketModeReceiver)) return false;
  return receiver.client.websocket?.isActive() ?? false;
}
