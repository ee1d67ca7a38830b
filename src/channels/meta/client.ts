import type { OutgoingFile } from '../../attachments/index.js';
import type { Message } from '../../core/schemas.js';
import type { ActionCodes } from '../action-codes.js';
import { GraphClient } from '../graph/client.js';
import { clip, starMarkupText } from '../graph/message-text.js';
import { UpstreamError } from '../retry.js';
import { splitText } from '../text-split.js';
import type { MetaChannel } from './schemas.js';

export interface MetaClientOptions {
  channel: MetaChannel;
  apiRoot: string;
  apiVersion: string;
  /** The page access token of this channel (Messenger's page, or the page linked to the Instagram account). */
  pageToken: string;
  actions: ActionCodes;
  maxInlineWaitMs?: number;
}

/** How a message may go: inside the 24-hour window as a response, after it (agents only) with the HUMAN_AGENT tag. */
export interface SendTerms {
  humanAgentTag: boolean;
}

/**
 * What each platform allows in one text: Messenger 2000 characters; Instagram 1000 bytes of UTF-8
 * (Meta's Instagram send guide), so Cyrillic and Azerbaijani text is measured in bytes there.
 */
const TEXT_LIMITS: Record<MetaChannel, { limit: number; measure: (part: string) => number }> = {
  messenger: { limit: 2000, measure: (part) => part.length },
  instagram: { limit: 1000, measure: (part) => Buffer.byteLength(part, 'utf8') },
};
const MAX_QUICK_REPLIES = 13;
const QUICK_REPLY_TITLE_LIMIT = 20;

/** Meta refuses attachment names with non-ASCII characters on Instagram; a plain name works on both. */
function asciiName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(-100) || 'file';
}

/** The Messenger Platform's Send API (`/me/messages`) for one page: Messenger, or Instagram through its linked page. */
export class MetaClient {
  private readonly graph: GraphClient;

  constructor(private readonly options: MetaClientOptions) {
    this.graph = new GraphClient({ apiRoot: options.apiRoot, apiVersion: options.apiVersion, accessToken: options.pageToken, api: options.channel, maxInlineWaitMs: options.maxInlineWaitMs });
  }

  /** Sends a transcript message: text split at the platform's limit, actions as quick replies on the last part, then its files. */
  async send(to: string, message: Message, files: OutgoingFile[], terms: SendTerms): Promise<void> {
    const messaging: Record<string, string> = terms.humanAgentTag ? { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' } : { messaging_type: 'RESPONSE' };
    if (message.text.trim() !== '' || files.length === 0) await this.sendText(to, message, messaging);
    for (const file of files) await this.sendFile(to, file, messaging);
  }

  async markSeen(to: string): Promise<void> {
    await this.graph.postJson('me/messages', { recipient: { id: to }, sender_action: 'mark_seen' });
  }

  async typing(to: string): Promise<void> {
    await this.graph.postJson('me/messages', { recipient: { id: to }, sender_action: 'typing_on' });
  }

  /** The bytes of a picture or file a player sent: its attachment address is signed, so no token goes with it. */
  download(url: string): Promise<Buffer> {
    return this.graph.download(url, `${this.options.channel} attachment`, { withToken: false });
  }

  private async sendText(to: string, message: Message, messaging: Record<string, string>): Promise<void> {
    const { limit, measure } = TEXT_LIMITS[this.options.channel];
    const parts = splitText(starMarkupText(message), limit, measure);
    const actions = (message.actions ?? []).slice(0, MAX_QUICK_REPLIES);
    const codes = await Promise.all(actions.map((action) => this.options.actions.encode(action.value)));
    const quickReplies = actions.map((action, i) => ({ content_type: 'text', title: clip(action.title, QUICK_REPLY_TITLE_LIMIT), payload: codes[i] }));
    for (const [i, text] of parts.entries()) {
      const last = i === parts.length - 1;
      await this.graph.postJson('me/messages', { recipient: { id: to }, ...messaging, message: { text, ...(last && quickReplies.length > 0 ? { quick_replies: quickReplies } : {}) } });
    }
  }

  /**
   * Messenger takes the file with the message in one multipart call; Instagram's guide uploads it
   * to the Attachment Upload API first (platform `instagram`) and sends the attachment id.
   */
  private async sendFile(to: string, file: OutgoingFile, messaging: Record<string, string>): Promise<void> {
    const type = file.contentType.startsWith('image/') ? 'image' : 'file';
    const form = (fields: Record<string, string>) => () => {
      const body = new FormData();
      for (const [name, value] of Object.entries(fields)) body.append(name, value);
      body.append('filedata', new Blob([new Uint8Array(file.bytes)], { type: file.contentType }), asciiName(file.name));
      return body;
    };
    const attachment = JSON.stringify({ attachment: { type, payload: { is_reusable: true } } });
    if (this.options.channel === 'messenger') {
      await this.graph.postForm('me/messages', form({ recipient: JSON.stringify({ id: to }), ...messaging, message: attachment }), 'messenger attachment');
      return;
    }
    const uploaded = await this.graph.postForm('me/message_attachments', form({ platform: 'instagram', message: attachment }), 'instagram attachment upload');
    if (typeof uploaded.attachment_id !== 'string') throw new UpstreamError('instagram attachment upload', 200, JSON.stringify(uploaded).slice(0, 300));
    await this.graph.postJson('me/messages', { recipient: { id: to }, ...messaging, message: { attachment: { type, payload: { attachment_id: uploaded.attachment_id } } } });
  }
}
