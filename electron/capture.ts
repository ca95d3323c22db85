/**
 * Screen capture for "Scan the screen" (Electron glue): one picture per display through
 * desktopCapturer, at each display's full pixel size. On Wayland, plain X11-style capture sees
 * nothing; main.ts turns on Chromium's PipeWire capturer there, so desktopCapturer goes through
 * xdg-desktop-portal (which may ask the person to pick a screen). That path is not covered by the
 * tests: they run the web host, which is given a picture instead.
 */
import { desktopCapturer, screen } from 'electron';
import type { ScreenCapturePort, ScreenImage } from './services/import-ports';

/** Chromium's bitmaps are BGRA in memory on little-endian machines; the decoder reads RGBA. */
export function bgraToRgba(bgra: Uint8Array): Uint8Array {
  const out = new Uint8Array(bgra.length);
  for (let i = 0; i + 3 < bgra.length; i += 4) {
    out[i] = bgra[i + 2];
    out[i + 1] = bgra[i + 1];
    out[i + 2] = bgra[i];
    out[i + 3] = bgra[i + 3];
  }
  return out;
}

export const electronCapture: ScreenCapturePort = {
  async captureScreens(): Promise<ScreenImage[]> {
    const displays = screen.getAllDisplays();
    // thumbnailSize is a bound; each source keeps its own aspect ratio within it.
    const width = Math.max(...displays.map((d) => Math.round(d.size.width * d.scaleFactor)), 1);
    const height = Math.max(...displays.map((d) => Math.round(d.size.height * d.scaleFactor)), 1);
    const sources = await desktopCapturer.getSources({ types: ['screen'], thumbnailSize: { width, height } });
    const out: ScreenImage[] = [];
    for (const [i, source] of sources.entries()) {
      const size = source.thumbnail.getSize();
      if (source.thumbnail.isEmpty() || size.width === 0) continue;
      out.push({
        name: source.name || `Display ${i + 1}`,
        width: size.width,
        height: size.height,
        rgba: bgraToRgba(new Uint8Array(source.thumbnail.toBitmap())),
      });
    }
    if (out.length === 0) throw new Error('desktopCapturer returned no screen picture');
    return out;
  },
};
