import type { ChannelSender } from '../../core/channel.js';

/**
 * Web chat players read the transcript: replies come back in the HTTP response, and everything
 * else reaches the page over the conversation's Server-Sent Events stream. Nothing to push.
 */
export const webchatSender: ChannelSender = {
  channel: 'webchat',
  deliver: async () => undefined,
  typing: async () => undefined,
};
