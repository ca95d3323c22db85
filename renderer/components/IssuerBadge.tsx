import { initials, issuerHue } from '../store/search';

/** A slot's issuer as a coloured badge with its initials, so a slot is found by eye (issue 13). */
export function IssuerBadge({ name }: { name: string }) {
  return (
    <span
      className="initials"
      aria-hidden="true"
      // Through the CSSOM: the CSP refuses inline style attributes, and the host's first HTML would carry one.
      ref={(el) => el?.style.setProperty('--hue', String(issuerHue(name)))}
    >
      {initials(name)}
    </span>
  );
}
