import { MemorySessionStore } from "../../src/store/memory-session-store.ts";
import { sessionStoreContract } from "../contracts/session-store.contract.ts";

sessionStoreContract("memory", (ttls) => {
  const store = new MemorySessionStore(ttls);
  return {
    store,
    corrupt: async (conversation, field, value) => store.corruptField(conversation, field, value),
    remainingKeys: async (conversation) => store.countEntries(conversation),
  };
});
