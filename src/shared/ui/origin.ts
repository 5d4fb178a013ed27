/**
 * `scheme://host[:port]` of a URL, also for custom schemes such as `tarsier://app/…` (whose
 * WHATWG `URL.origin` is the string "null"). `null` when the text has no `scheme://host` or
 * carries credentials (`user@host`), which Tarsier never trusts. Pure: no `URL` global needed.
 */
export function originOf(url: string): string | null {
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#\\]*)/i.exec(url);
  if (!match) return null;
  const authority = match[2].toLowerCase();
  if (authority === '' || authority.includes('@')) return null;
  return `${match[1].toLowerCase()}://${authority}`;
}
