import { useEffect, useState } from 'preact/hooks';

/** Light margin around the code, in modules, as scanners expect. */
const QUIET = 4;

/** One SVG path of the dark modules: small, crisp at any size, and no markup built from strings. */
async function pathFor(text: string): Promise<{ size: number; d: string }> {
  // Loaded on demand: only the two-factor setup needs it, so the console's first load stays small.
  const { create } = await import('qrcode');
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  let d = '';
  for (let row = 0; row < modules.size; row += 1) {
    for (let col = 0; col < modules.size; col += 1) {
      if (modules.get(row, col)) d += `M${col + QUIET} ${row + QUIET}h1v1h-1z`;
    }
  }
  return { size: modules.size + QUIET * 2, d };
}

/** The otpauth:// URI as a QR code for an authenticator app; the key is shown beside it for typing. */
export function QrCode({ text, label }: { text: string; label: string }) {
  const [code, setCode] = useState<{ size: number; d: string } | null>(null);
  useEffect(() => {
    let cancelled = false;
    void pathFor(text).then((built) => {
      if (!cancelled) setCode(built);
    });
    return () => {
      cancelled = true;
    };
  }, [text]);
  if (!code) return null;
  return (
    <svg
      class="qr-code"
      data-part="qr-code"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${code.size} ${code.size}`}
      width={code.size * 5}
      height={code.size * 5}
      shape-rendering="crispEdges"
    >
      <rect width={code.size} height={code.size} fill="#fff" />
      <path d={code.d} fill="#000" />
    </svg>
  );
}
