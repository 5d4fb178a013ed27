/**
 * Documents in a bundle — a README, a troubleshooting guide, release notes — quote error text and
 * stack dumps as examples. They are searchable like any file but never evidence of the case.
 */

const DOCUMENT_EXTENSIONS = /\.(?:md|markdown|mdown|rst|adoc|asciidoc|textile|html?|org|tex)$/i;
// Bare or .txt only: `install.log` and `history.log` are logs.
const DOCUMENT_NAMES =
  /^(?:readme|changelog|changes|news|license|licence|copying|notice|authors|contributing|upgrading|faq|troubleshooting)(?:[-_][\w-]*)?(?:\.txt)?$/i;

/** Whether the bundle path names a document rather than a log or an artifact. */
export function isDocumentPath(path: string): boolean {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('!')) + 1);
  return DOCUMENT_EXTENSIONS.test(name) || DOCUMENT_NAMES.test(name);
}
