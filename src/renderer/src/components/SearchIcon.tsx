/** The magnifier of search fields (an SVG: a font glyph would depend on the system's fonts). */
export function SearchIcon({ className }: { className: string }) {
  return (
    <svg className={className} viewBox="0 0 16 16" aria-hidden="true">
      <circle cx="7" cy="7" r="4.5" />
      <path d="M10.5 10.5 14 14" />
    </svg>
  );
}
