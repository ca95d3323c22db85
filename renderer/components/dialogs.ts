/**
 * Every dialog, in one chunk that the window loads on demand (App.tsx): one dynamic import keeps
 * the bundler from cutting the window's own code into many small shared chunks.
 */
export { ConfigDialog } from './ConfigDialog';
export { EraseSlotDialog } from './EraseSlotDialog';
export { FactoryResetDialog } from './FactoryResetDialog';
// The Nitrokey 3's (its PIN prompt too): App.tsx draws them only while one is open.
export { NamedDialogs } from '../named/NamedDialogs';
export { AddAccountDialog } from './import/AddAccountDialog';
export { RestoreDialog } from './import/RestoreDialog';
export { PinsDialog } from './PinsDialog';
export { PwsDialog } from './PwsDialog';
export { SettingsDialog } from './SettingsDialog';
export { SlotDialog } from './SlotDialog';
