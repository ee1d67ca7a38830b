import { Api, GrammyError, HttpError, InputFile } from 'grammy';
import type { OutgoingFile } from '../../attachments/index.js';
import type { InlineKeyboardButton } from 'grammy/types';
import type { Logger } from 'pino';
import type { Message } from '../../core/schemas.js';
import type { ActionCodes } from '../action-codes.js';
import { fetchBytes, UpstreamError, withRetries } from '../retry.js';
import { telegramParts } from './format.js';

export interface TelegramClientOptions {
  token: string;
  apiRoot: string;
  actions: ActionCodes;
  logger: Logger;
  /** Longest retry_after honoured in-line; longer waits go back to the mailbox's backoff. */
  maxInlineWaitMs?: number;
}

/** Telegram Bot API calls through grammY's `Api` client, with 429 `retry_after` honoured. */
export class TelegramClient {
  private readonly api: Api;

  constructor(private readonly options: TelegramClientOptions) {
    this.api = new Api(options.token, { apiRoot: options.apiRoot.replace(/\/+$/, '') });
  }

  private async call<T>(method: string, run: () => Promise<T>): Promise<T> {
    return withRetries(
      async () => {
        try {
          return await run();
        } catch (error) {
          if (error instanceof GrammyError) throw new UpstreamError(`telegram ${method}`, error.error_code, error.description, error.parameters.retry_after);
          if (error instanceof HttpError) throw new UpstreamError(`telegram ${method}`, 0, error.message);
          throw error;
        }
      },
      { attempts: 4, baseDelayMs: 500, maxWaitMs: this.options.maxInlineWaitMs ?? 30_000 },
    );
  }

  /** Sends a transcript message: split at 4096 characters, buttons as an inline keyboard under the last part, then its files (pictures as photos). */
  async send(chatId: string, message: Message, files: OutgoingFile[] = []): Promise<void> {
    const parts = message.text.trim() === '' && files.length > 0 ? [] : telegramParts(message);
    const keyboard: InlineKeyboardButton[][] = [];
    for (const action of message.actions ?? []) keyboard.push([{ text: action.title.slice(0, 64), callback_data: await this.options.actions.encode(action.value) }]);
    for (const [index, text] of parts.entries()) {
      const last = index === parts.length - 1;
      await this.call('sendMessage', () =>
        this.api.sendMessage(chatId, text, {
          parse_mode: 'HTML',
          link_preview_options: { is_disabled: true },
          ...(last && keyboard.length > 0 ? { reply_markup: { inline_keyboard: keyboard } } : {}),
        }),
      );
    }
    for (const file of files) {
      const upload = new InputFile(file.bytes, file.name);
      if (file.contentType.startsWith('image/')) await this.call('sendPhoto', () => this.api.sendPhoto(chatId, upload));
      else await this.call('sendDocument', () => this.api.sendDocument(chatId, upload));
    }
  }

  async typing(chatId: string): Promise<void> {
    await this.api.sendChatAction(chatId, 'typing');
  }

  /** The bytes of a file a player sent (getFile, then the file address under the API root). */
  async download(fileId: string): Promise<Buffer> {
    const { file_path: path } = await this.call('getFile', () => this.api.getFile(fileId));
    if (!path) throw new UpstreamError('telegram getFile', 0, 'no file_path: the file is too big for bots to download (20 MB)');
    return fetchBytes(`${this.options.apiRoot.replace(/\/+$/, '')}/file/bot${this.options.token}/${path}`, {}, 'telegram file');
  }

  async answerCallback(callbackQueryId: string): Promise<void> {
    await this.call('answerCallbackQuery', () => this.api.answerCallbackQuery(callbackQueryId));
  }
}
