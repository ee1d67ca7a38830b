import type { Logger } from 'pino';
import { localize } from '../../core/messages.js';
import type { Message } from '../../core/schemas.js';
import { isAbsoluteAddress } from '../../knowledge/help/links.js';
import type { ActionCodes } from '../action-codes.js';
import type { OutgoingFile } from '../../attachments/index.js';
import { fetchBytes, UpstreamError, withRetries } from '../retry.js';
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

function clip(text: string, limit: number): string {
  return [...text].length <= limit ? text : `${[...text].slice(0, limit - 1).join('')}…`;
}

/** The message as WhatsApp text: bold author for agents, and for answers a "Source: <title> <link>" line per article. */
export function whatsappText(message: Message): string {
  let text = message.text;
  if (message.from === 'agent' && message.author) text = `*${message.author}*\n${text}`;
  const label = localize(message.locale, 'sourceLabel');
  const sources = (message.citations ?? []).map((c) => `_${label}: ${c.title}_${isAbsoluteAddress(c.url) ? ` ${c.url}` : ''}`);
  if (sources.length > 0) text += `\n\n${sources.join('\n')}`;
  return text;
}

/** WhatsApp Cloud API calls (Graph API `/{phone-number-id}/messages`), retried on 429 and 5xx. */
export class WhatsAppClient {
  constructor(private readonly options: WhatsAppClientOptions) {}

  private async post(payload: Record<string, unknown>): Promise<void> {
    const { apiRoot, apiVersion, phoneNumberId, accessToken } = this.options;
    const url = `${apiRoot.replace(/\/+$/, '')}/${apiVersion}/${phoneNumberId}/messages`;
    await withRetries(
      async () => {
        let response: Response;
        try {
          response = await fetch(url, {
            method: 'POST',
            headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
            body: JSON.stringify({ messaging_product: 'whatsapp', ...payload }),
            signal: AbortSignal.timeout(15_000),
          });
        } catch (error) {
          throw new UpstreamError('whatsapp', 0, error instanceof Error ? error.message : String(error));
        }
        if (response.ok) return;
        const retryAfter = Number(response.headers.get('retry-after'));
        const detail = await response.text().catch(() => '');
        throw new UpstreamError('whatsapp', response.status, detail.slice(0, 300), Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
      },
      { attempts: 4, baseDelayMs: 500, maxWaitMs: this.options.maxInlineWaitMs ?? 30_000 },
    );
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
    const { apiRoot, apiVersion, phoneNumberId, accessToken } = this.options;
    const form = new FormData();
    form.append('messaging_product', 'whatsapp');
    form.append('type', file.contentType);
    form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.contentType }), file.name);
    const response = await fetch(`${apiRoot.replace(/\/+$/, '')}/${apiVersion}/${phoneNumberId}/media`, { method: 'POST', headers: { authorization: `Bearer ${accessToken}` }, body: form, signal: AbortSignal.timeout(30_000) }).catch((error: unknown) => {
      throw new UpstreamError('whatsapp media upload', 0, error instanceof Error ? error.message : String(error));
    });
    const body = (await response.json().catch(() => ({}))) as { id?: unknown };
    if (!response.ok || typeof body.id !== 'string') throw new UpstreamError('whatsapp media upload', response.status, JSON.stringify(body).slice(0, 300));
    return body.id;
  }

  private async sendText(to: string, message: Message): Promise<void> {
    const text = whatsappText(message);
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
    const { apiRoot, apiVersion, accessToken } = this.options;
    const headers = { authorization: `Bearer ${accessToken}` };
    const meta = await fetchBytes(`${apiRoot.replace(/\/+$/, '')}/${apiVersion}/${encodeURIComponent(mediaId)}`, headers, 'whatsapp media');
    const url = (JSON.parse(meta.toString('utf8')) as { url?: unknown }).url;
    if (typeof url !== 'string') throw new UpstreamError('whatsapp media', 0, 'no url for the media');
    return fetchBytes(url, headers, 'whatsapp media file');
  }

  async markRead(messageId: string): Promise<void> {
    await this.post({ status: 'read', message_id: messageId });
  }
}
