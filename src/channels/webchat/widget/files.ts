// Files in the chat: uploading one with its progress, and showing one before the server has it.
import { type AttachmentRef, sizeText } from '../../../browser/attachments.js';

export type { AttachmentRef };

/** What the file picker offers; the server checks the content whatever the picker let through. */
export const ACCEPTED_TYPES = 'image/png,image/jpeg,image/gif,image/webp,application/pdf';

export class UploadError extends Error {
  constructor(readonly status: number, message: string) { super(message); }
}

/** Uploads one file to the chat, reporting progress (0–1); resolves with the stored file's reference. */
export function uploadFile(file: File, token: string, onProgress: (fraction: number) => void): Promise<AttachmentRef> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/api/webchat/attachments');
    request.setRequestHeader('authorization', `Bearer ${token}`);
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    });
    request.addEventListener('load', () => {
      let body: { message?: string } & Partial<AttachmentRef> = {};
      try {
        body = JSON.parse(request.responseText) as typeof body;
      } catch {}
      if (request.status === 201 && body.id) resolve(body as AttachmentRef);
      else reject(new UploadError(request.status, body.message ?? request.statusText));
    });
    request.addEventListener('error', () => reject(new UploadError(0, 'network error')));
    const form = new FormData();
    form.append('file', file, file.name);
    request.send(form);
  });
}

/** A picked file shown at once, before the server has it: a preview (for a picture) and a progress bar. */
export function pendingFileElement(file: File): { element: HTMLElement; progress: (fraction: number) => void } {
  const box = document.createElement('span');
  box.className = 'msg__file';
  if (file.type.startsWith('image/')) {
    const preview = document.createElement('img');
    preview.className = 'msg__thumb';
    preview.alt = file.name;
    preview.src = URL.createObjectURL(file);
    box.append(preview);
  } else {
    box.append(`📄 ${file.name} (${sizeText(file.size)})`);
  }
  const bar = document.createElement('progress');
  bar.max = 1;
  bar.value = 0;
  box.append(bar);
  return { element: box, progress: (fraction) => { bar.value = fraction; } };
}
