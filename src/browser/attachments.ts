// Files of a conversation as the browser pages show them (the player's chat and the agent console).

export interface AttachmentRef { id: string; name: string; contentType: string; size: number }

export function sizeText(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * A picture as a thumbnail, any other file as a link that downloads it; both fetched from
 * `${base}/<id>` with the reader's token (an <img src> could not send it), then shown from memory.
 */
export function attachmentElement(file: AttachmentRef, base: string, token: () => string | null): HTMLElement {
  const box = document.createElement('span');
  box.className = 'msg__file';
  const label = `${file.name} (${sizeText(file.size)})`;
  const load = async (): Promise<string> => {
    const response = await fetch(`${base}/${encodeURIComponent(file.id)}`, { headers: { authorization: `Bearer ${token() ?? ''}` } });
    if (!response.ok) throw new Error(String(response.status));
    return URL.createObjectURL(await response.blob());
  };
  if (file.contentType.startsWith('image/')) {
    const image = document.createElement('img');
    image.alt = label;
    image.className = 'msg__thumb';
    box.append(image);
    void load().then((url) => { image.src = url; }, () => { box.replaceChildren(label); });
    return box;
  }
  const link = document.createElement('a');
  link.href = '#';
  link.textContent = `📄 ${label}`;
  link.addEventListener('click', (event) => {
    event.preventDefault();
    void load().then((url) => {
      const download = document.createElement('a');
      download.href = url;
      download.download = file.name;
      download.click();
    });
  });
  box.append(link);
  return box;
}

