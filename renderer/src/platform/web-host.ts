/**
 * What the browser build needs of the page it runs in, behind a small interface so the
 * web platform's logic runs in a Node test.
 */
export interface WebHost {
  /** The app's address without its fragment (routes are fragments). */
  baseUrl(): string;
  /** Opens a URL in a new tab named `name`; false when the browser blocked it. */
  openTab(url: string, name: string): boolean;
  /** The browser's print dialog (it offers "Save as PDF"). */
  print(): void;
  /**
   * Whether this tab was opened by exportPdf (its window name starts with `namePrefix`) and
   * shows the print route: only then does the print view open the print dialog by itself.
   */
  isPrintTab(namePrefix: string): boolean;
  /** Hands bytes to the browser as a download. */
  download(bytes: Uint8Array, fileName: string, mimeType: string): void;
  /** Lets the user pick one file; undefined when they cancelled. Refuses above `maxBytes`. */
  pickFile(
    accept: string,
    maxBytes: number,
  ): Promise<{ readonly bytes: Uint8Array } | { readonly refused: 'too-large' | 'read-failed' } | undefined>;
  readonly userAgent: string;
}

/** The real page. */
export function browserHost(): WebHost {
  return {
    baseUrl: () => location.href.split('#')[0] ?? location.href,
    openTab: (url, name) => window.open(url, name) !== null,
    print: () => window.print(),
    isPrintTab: (namePrefix) => window.name.startsWith(namePrefix) && location.hash.startsWith('#/print/'),
    download(bytes, fileName, mimeType) {
      const url = URL.createObjectURL(new Blob([bytes.slice()], { type: mimeType }));
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = fileName;
      anchor.rel = 'noopener';
      anchor.style.display = 'none';
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
      // Revoke after the click has been handled, or some browsers cancel the download.
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
    pickFile(accept, maxBytes) {
      return new Promise((resolve) => {
        const input = document.createElement('input');
        input.type = 'file';
        input.accept = accept;
        input.addEventListener('cancel', () => resolve(undefined), { once: true });
        input.addEventListener(
          'change',
          () => {
            const file = input.files?.[0];
            if (!file) return resolve(undefined);
            if (file.size > maxBytes) return resolve({ refused: 'too-large' });
            file.arrayBuffer().then(
              (buffer) => resolve({ bytes: new Uint8Array(buffer) }),
              () => resolve({ refused: 'read-failed' }),
            );
          },
          { once: true },
        );
        input.click();
      });
    },
    get userAgent() {
      return navigator.userAgent;
    },
  };
}
