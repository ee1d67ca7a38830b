// The operator's brand colour (WIDGET_COLOR or /widget.js's data-color) and the text that stays readable on it.

/** `#rrggbb` (or `#rgb`) as written, lower-cased and long; anything else is not a colour we use. */
export function brandColour(value: string | null | undefined): string | undefined {
  const hex = value?.trim().toLowerCase() ?? '';
  if (/^#[0-9a-f]{6}$/.test(hex)) return hex;
  if (/^#[0-9a-f]{3}$/.test(hex)) return `#${[...hex.slice(1)].map((digit) => digit + digit).join('')}`;
  return undefined;
}

/** WCAG relative luminance of a `#rrggbb` colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((at) => {
    const channel = Number.parseInt(hex.slice(at, at + 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const WHITE = '#ffffff';
const BLACK = '#000000';

/** White or black, whichever contrasts more with the background: on any colour one of them reaches 4.5:1. */
export function inkOn(background: string): string {
  const light = luminance(background);
  const againstWhite = 1.05 / (light + 0.05);
  const againstBlack = (light + 0.05) / 0.05;
  return againstWhite >= againstBlack ? WHITE : BLACK;
}
