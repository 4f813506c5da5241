import type { ChatBotServices } from "../../src/core/engine/chat-bot-services.ts";

/** Wraps an object so every method call is counted by name (methods stay bound to the original). */
function counted<T extends object>(target: T, label: string, calls: Map<string, number>): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver);
      if (typeof value !== "function") return value;
      const name = `${label}.${String(property)}`;
      return (...args: unknown[]) => {
        calls.set(name, (calls.get(name) ?? 0) + 1);
        return (value as (...parameters: unknown[]) => unknown).apply(object, args);
      };
    },
  });
}

/**
 * The services a bot's handlers reach, with every call to the engine, the desk and the document
 * reader counted: a request that ran no handler leaves the count at zero.
 */
export function countingServices(services: ChatBotServices) {
  const calls = new Map<string, number>();
  const wrapped: ChatBotServices = {
    ...services,
    engine: counted(services.engine, "engine", calls),
    desk: counted(services.desk, "desk", calls),
    documents: counted(services.documents, "documents", calls),
  };
  return {
    services: wrapped,
    calls,
    total: () => [...calls.values()].reduce((sum, value) => sum + value, 0),
  };
}
