/**
 * Every dialog, in one chunk that the window loads on demand (App.tsx): one dynamic import keeps
 * the bundler from cutting the window's own code into many small shared chunks.
 */
export { ConfigDialog } from './ConfigDialog';
export { EraseSlotDialog } from './EraseSlotDialog';
export { FactoryResetDialog } from './FactoryResetDialog';
export { AddAccountDialog } from './import/AddAccountDialog';
export { RestoreDialog } from './import/RestoreDialog';
export { PinsDialog } from './PinsDialog';
export { PwsDialog } from './PwsDialog';
export { SettingsDialog } from './SettingsDialog';
export { SlotDialog } from './SlotDialog';
