// A colour per person: their own `color`, else one picked from a palette by a hash of the id
// (the same person gets the same colour everywhere). The palette holds mid-tone colours that
// stay visible on dark and light terminals; text on a bar is black or white by luminance.

const PALETTE = [
  '#e06c75', '#98c379', '#e5c07b', '#61afef', '#c678dd', '#56b6c2',
  '#d19a66', '#7ec699', '#f08d49', '#8fa1b3', '#b48ead', '#cc6666',
];

/** FNV-1a: small, stable across runs and machines. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function personColor(id: string, own?: string): string {
  return own ?? PALETTE[hash(id) % PALETTE.length];
}

export function textOn(background: string): 'black' | 'white' {
  const n = Number.parseInt(background.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  // Relative luminance (sRGB weights); mid-tones read better with black text.
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 110 ? 'black' : 'white';
}
