/**
 * The public door of keyslot's device layer (style guide §5): everything the CLI's callers,
 * the Electron services and the tests outside device/ may use.
 */
export {
  Token,
  AUTH_LIFETIME_MS,
  type TokenOptions,
  type TokenStatus,
  type OtpSlot,
  type SlotWrite,
  type PinKind,
} from './token';
export type { PwsEntry } from './session/password-safe';
export { DEFAULT_PINS } from './session/pins';
export type { TrafficEntry } from './session/transaction';
export { DeviceError, ERROR_MESSAGES, isDeviceError, type DeviceErrorCode, type DeviceErrorInfo } from './errors';
export { systemClock, type Clock } from './clock';
export { LIMITS, SLOT_COUNT, slotNumber, type SlotRef, type GeneralConfig } from './protocol/commands';
export { USB_IDS, modelForUsbId, type DeviceInfo, type Model, type Transport } from './transport/types';
// Added for the desktop app (issue 3): the virtual token, transports, discovery and input parsing.
export { VirtualToken, type VirtualTokenOptions } from './virtual/token';
export { openVirtualTokenFile } from './virtual/state-file';
export { VirtualTransport } from './transport/virtual';
export { listHidTokensAsync, openHidTransport, watchTokens } from './transport/hid';
export { UDEV_RULES, UDEV_RULES_FILE } from './transport/udev';
export { parseSecret, type SecretEncoding } from './otp/secret';
export { checkSlotName, nameBytes, formatSlotRef } from './otp/slot';
// Added for issue 4: QR import, Google Authenticator exports, planning, verifying, backups.
export { decodeQrImage, decodeQrRgba, type QrScan } from './otp/qr';
export { decodeQrImageAsync, decodeQrRgbaAsync, QR_WORKER_TIMEOUT_MS, type QrWorkerOptions } from './otp/qr-async';
export { parseOtpauthUri, type OtpauthAccount } from './otp/uri';
export {
  parseMigrationUri,
  combineMigrationBatches,
  isMigrationUri,
  type ImportCandidate,
  type MigrationPayload,
  type MigrationBatch,
} from './otp/migration';
export {
  readImportTexts,
  accountFromTyped,
  accountLabel,
  formatOtpauthUri,
  toBase32,
  type ImportScan,
  type TypedAccount,
} from './otp/import';
export {
  planImport,
  readTokenFacts,
  type TokenFacts,
  type Assignment,
  type Refusal,
  type ImportPlan,
  type PlanOptions,
} from './enrol/plan';
export { verifySlot, type VerifyResult } from './enrol/verify';
export { writeAndVerify, checkAssignments, slotWriteFor, type WriteReport, type WriteResult } from './enrol/write';
export * from './backup/index';
// The CLI's door (cli/ imports the library only through this file).
export {
  openToken,
  parseVirtualProfile,
  parseDeviceSpec,
  type ConnectEnv,
  type ConnectOptions,
  type DeviceSpec,
} from './connect';
export { looksLikeSlotRef, parseSlotRef } from './otp/slot';
export {
  serveVirtualToken,
  controlVirtualSocket,
  queryVirtualSocket,
  type VirtualTokenServer,
  type ControlOp,
} from './virtual/serve';
export { shimPath } from './virtual/shim';
