/**
 * Default file names built from a page's suggestion: used by main for save dialogs and
 * by the browser build for downloads, so both name files alike. Pure: no Node, no DOM.
 */

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/**
 * No directories, no characters Windows or shells trip on, no leading dots, at most 120
 * characters before the extension, and ending in `.extension`.
 */
export function sanitizeFileName(suggested: string, extension: string): string {
  const lastSegment = suggested.replace(/\\/g, '/').split('/').pop() ?? '';
  let name = lastSegment
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters never belong in a file name.
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s-]+/, '')
    .replace(/[.\s]+$/, '');
  const suffix = `.${extension}`;
  if (name.toLowerCase().endsWith(suffix)) name = name.slice(0, -suffix.length);
  name = name.slice(0, 120).replace(/[.\s]+$/, '');
  if (!name || WINDOWS_RESERVED.test(name)) name = 'casepact';
  return name + suffix;
}
