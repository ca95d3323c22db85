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
export { DeviceError, isDeviceError, type DeviceErrorCode, type DeviceErrorInfo } from './errors';
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
  listSlotTokens,
  isSerialOf,
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
// Issue 9: reading files of unknown size with the limit checked first.
export { readFileCapped, MAX_BACKUP_FILE_BYTES, MAX_IMAGE_FILE_BYTES, type CappedRead } from './read-capped';
export { hasUnsafeText, escapeForTerminal, quoteForMessage } from './otp/text-safety';
// Issue 11: the Nitrokey 3 (Secrets app over CTAPHID or PC/SC) and its virtual twin.
export {
  Nk3Session,
  NK3_CAPS,
  type Nk3SessionOptions,
  type TouchNeeded,
  type Nk3Status,
  type Nk3Credential,
  type Nk3Code,
} from './nk3/session';
export type { Nk3PutRequest } from './nk3/checks';
export type { Nk3Kind, Nk3Algorithm, Nk3CredentialData, Nk3SelectInfo } from './nk3/types';
export { NK3_LIMITS } from './nk3/constants';
export {
  codeFromTruncated,
  totpChallenge,
  parseCredentialName,
  formatCredentialName,
  type CredentialName,
} from './nk3/codes';
export type { ApduTransport, ApduWire, TransmitOptions } from './transport/apdu';
export { CtaphidTransport, openCtaphidTransport, type RawHidDevice } from './transport/ctaphid';
export { listPcscReaders, openPcscTransport, NK3_READER, type PcscTransport } from './transport/pcsc';
export { VirtualNk3, NK3_USB, NK3_ATR, type VirtualNk3Options } from './virtual/nk3/device';
export { openVirtualNk3File } from './virtual/nk3/state-file';
export { TouchButton, type TouchPolicy } from './virtual/nk3/touch';
export { serveVirtualNk3Hid, serveVirtualNk3Vpcd, bridgedNk3, type VpcdCard } from './virtual/nk3/serve';
export {
  serveVirtualNk3,
  serveTouchControl,
  pressVirtualTouch,
  type VirtualNk3ServeOptions,
} from './virtual/nk3/touch-control';
// Issue 11 part 2: one session over both token families (style guide §9), asked by capabilities.
export type {
  Addressing,
  AuthOptions,
  CredentialChanges,
  CredentialInfo,
  CredentialKind,
  CredentialRef,
  CredentialWrite,
  EditableField,
  OtpAlgorithm,
  OtpCode,
  PinRequest,
  PinRole,
  PinSource,
  PinState,
  PwsEntryView,
  PwsField,
  PwsRef,
  PwsWrite,
  SessionDevice,
  SessionModel,
  SessionStatus,
  TokenCaps,
  TokenSession,
} from './tokens/types';
export {
  openSession,
  whichFamily,
  defaultVirtualNk3File,
  type SessionOptions,
  type Nk3TransportChoice,
  type Nk3HidInfo,
} from './tokens/open';
export { SlotSession, slotCaps } from './tokens/slot-session';
export { NameSession, NAMES_CAPS, storedName } from './tokens/name-session';
export { isNamesSpec } from './connect';
export { verifyCredential, expectedCode, type CredentialCheck } from './tokens/verify';
// Issue 12: the move wizard's plan and accounts checked against a token's capabilities.
export * from './enrol/move-plan';
export { parseUriForCaps, parseUriForBackup, type CapsAccount } from './enrol/named-account';
export type { Parsed, InputField } from './otp/result';
export { listNk3HidDevices } from './transport/hid';
