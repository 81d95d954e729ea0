/** Offers text or bytes to the person as a file download (the browser's own save flow). */
export function downloadFile(
  name: string,
  content: string | Uint8Array,
  type = 'application/octet-stream',
): void {
  const part = typeof content === 'string' ? content : new Uint8Array(content);
  const url = URL.createObjectURL(new Blob([part], { type }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  anchor.rel = 'noopener';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
