export { parseSlackAction } from "./action-id.ts";
export { escapeSlackText } from "./escape.ts";
export { SLACK_LIMITS } from "./limits.ts";
export { renderSlackMessage, type SlackPayload, type SlackRenderOptions } from "./render-message.ts";
