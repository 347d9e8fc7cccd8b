import { createHash } from 'node:crypto';

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The logo of a workspace without one: the name's first character on a solid color chosen from the name. */
export function defaultLogoSvg(name: string): string {
  const initial = escapeXml((Array.from(name.trim())[0] ?? '?').toUpperCase());
  const hue = createHash('sha256').update(name).digest().readUInt16BE(0) % 360;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">` +
    `<rect width="128" height="128" fill="hsl(${hue}, 55%, 42%)"/>` +
    `<text x="64" y="64" dy=".35em" text-anchor="middle" font-family="Helvetica, Arial, sans-serif" font-size="64" fill="#fff">${initial}</text></svg>`;
}
