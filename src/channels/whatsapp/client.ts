import type { Logger } from 'pino';
import { localize } from '../../core/messages.js';
import type { Message } from '../../core/schemas.js';
import type { ActionCodes } from '../action-codes.js';
import type { OutgoingFile } from '../../attachments/index.js';
import { GraphClient } from '../graph/client.js';
import { clip, starMarkupText } from '../graph/message-text.js';
import { UpstreamError } from '../retry.js';
import { splitText } from '../text-split.js';

export interface WhatsAppClientOptions {
  apiRoot: string;
  apiVersion: string;
  phoneNumberId: string;
  accessToken: string;
  actions: ActionCodes;
  logger: Logger;
  maxInlineWaitMs?: number;
}

const TEXT_LIMIT = 4096;
const BODY_LIMIT = 1024;
const BUTTON_TITLE_LIMIT = 20;
const ROW_TITLE_LIMIT = 24;
const MAX_BUTTONS = 3;
const MAX_ROWS = 10;

/** WhatsApp Cloud API calls (Graph API `/{phone-number-id}/messages`), retried on 429 and 5xx. */
export class WhatsAppClient {
  private readonly graph: GraphClient;

  constructor(private readonly options: WhatsAppClientOptions) {
    this.graph = new GraphClient({ apiRoot: options.apiRoot, apiVersion: options.apiVersion, accessToken: options.accessToken, api: 'whatsapp', maxInlineWaitMs: options.maxInlineWaitMs });
  }

  private async post(payload: Record<string, unknown>): Promise<void> {
    await this.graph.postJson(`${this.options.phoneNumberId}/messages`, { messaging_product: 'whatsapp', ...payload });
  }

  /** Sends a transcript message: text split at 4096, actions as reply buttons (up to 3) or a list, then its files. */
  async send(to: string, message: Message, files: OutgoingFile[] = []): Promise<void> {
    if (message.text.trim() !== '' || files.length === 0) await this.sendText(to, message);
    for (const file of files) {
      const id = await this.upload(file);
      if (file.contentType.startsWith('image/')) await this.post({ to, type: 'image', image: { id } });
      else await this.post({ to, type: 'document', document: { id, filename: file.name } });
    }
  }

  /** Uploads a file to the Cloud API's media store: its media id, for a message to carry. */
  private async upload(file: OutgoingFile): Promise<string> {
    const form = () => {
      const body = new FormData();
      body.append('messaging_product', 'whatsapp');
      body.append('type', file.contentType);
      body.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.contentType }), file.name);
      return body;
    };
    const answer = await this.graph.postForm(`${this.options.phoneNumberId}/media`, form, 'whatsapp media upload');
    if (typeof answer.id !== 'string') throw new UpstreamError('whatsapp media upload', 200, JSON.stringify(answer).slice(0, 300));
    return answer.id;
  }

  private async sendText(to: string, message: Message): Promise<void> {
    const text = starMarkupText(message);
    const actions = message.actions ?? [];
    const withButtons = actions.length > 0 && [...text].length <= BODY_LIMIT;
    if (!withButtons) {
      for (const part of splitText(text, TEXT_LIMIT)) await this.post({ to, type: 'text', text: { body: part, preview_url: false } });
    }
    if (actions.length === 0) return;
    const body = withButtons ? text : localize(message.locale, 'chooseOption');
    const ids = await Promise.all(actions.map((action) => this.options.actions.encode(action.value)));
    const interactive =
      actions.length <= MAX_BUTTONS
        ? {
            type: 'button',
            body: { text: body },
            action: { buttons: actions.map((action, i) => ({ type: 'reply', reply: { id: ids[i], title: clip(action.title, BUTTON_TITLE_LIMIT) } })) },
          }
        : {
            type: 'list',
            body: { text: body },
            action: {
              button: localize(message.locale, 'optionsButton'),
              sections: [{ title: clip(localize(message.locale, 'optionsButton'), ROW_TITLE_LIMIT), rows: actions.slice(0, MAX_ROWS).map((action, i) => ({ id: ids[i], title: clip(action.title, ROW_TITLE_LIMIT) })) }],
            },
          };
    await this.post({ to, type: 'interactive', interactive });
  }

  /** The bytes of a picture or document a player sent: its address from the media API, then the file (both with the access token). */
  async download(mediaId: string): Promise<Buffer> {
    const { url } = await this.graph.getJson(encodeURIComponent(mediaId), 'whatsapp media');
    if (typeof url !== 'string') throw new UpstreamError('whatsapp media', 0, 'no url for the media');
    return this.graph.download(url, 'whatsapp media file');
  }

  async markRead(messageId: string): Promise<void> {
    await this.post({ status: 'read', message_id: messageId });
  }
}
