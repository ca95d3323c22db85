/**
 * What the import flow needs from its host, injected so the web host and tests can give doubles:
 * the screens' pixels and the system's file dialogs. Electron's versions live in electron/capture.ts
 * and electron/main.ts.
 */

/** One display's picture: raw RGBA pixels (4 bytes each, rows top to bottom), or an encoded PNG/JPEG. */
export type ScreenImage =
  { name: string; width: number; height: number; rgba: Uint8Array } | { name: string; encoded: Uint8Array };

/** Captures every display now. Rejects when capture is refused or fails. */
export interface ScreenCapturePort {
  captureScreens(): Promise<ScreenImage[]>;
}

/** Why a file is chosen, so the dialog can say so and suggest a name. */
export type FilePurpose = 'backup-save' | 'backup-open' | 'sheet-save';

/** The system's save and open dialogs; null when the person cancelled. */
export interface FileDialogPort {
  choose(purpose: FilePurpose, suggestedName?: string): Promise<string | null>;
}
