/** The tarsier: two very large eyes that see in the dark. */
export function Logo({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" className="logo">
      <rect x="1" y="1" width="30" height="30" rx="8" className="logo-face" />
      <circle cx="10.5" cy="15" r="6.5" className="logo-eye" />
      <circle cx="21.5" cy="15" r="6.5" className="logo-eye" />
      <circle cx="11.5" cy="15" r="3" className="logo-pupil" />
      <circle cx="20.5" cy="15" r="3" className="logo-pupil" />
      <path d="M14 24.5 L16 26 L18 24.5" className="logo-nose" />
    </svg>
  );
}
