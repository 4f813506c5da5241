import type { PlatformName } from "../core/model/conversation.ts";
import type { OutboundMessage } from "../core/model/reply.ts";
import type { ChatBot } from "../core/ports/chat-bot.ts";
import type { DeliveryOptions, MessageSender } from "../core/ports/ports.ts";

/** Sends each engine message through the bot of its conversation's platform ("discord:…", "slack:…"). */
export class MessageRouter implements MessageSender {
  readonly #bots = new Map<string, ChatBot>();

  register(bot: ChatBot): void {
    this.#bots.set(bot.platform, bot);
  }

  async send(message: OutboundMessage, options?: DeliveryOptions): Promise<void> {
    const platform = message.conversation.slice(0, message.conversation.indexOf(":")) as PlatformName;
    const bot = this.#bots.get(platform);
    if (!bot) throw new Error(`No ${platform} connection in this process for ${message.conversation}`);
    await bot.send(message, options);
  }
}
