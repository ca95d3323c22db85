/**
 * The type of every error code, derived from the English tables (errors-en.ts), which hold exactly one
 * entry per code. Add a code there, not here.
 */
import type { appErrorsEn, backupErrorsEn, deviceErrorsEn, reasonsEn } from './errors-en';

/** An error of the device library (DeviceError). */
export type DeviceErrorCode = keyof typeof deviceErrorsEn;
/** An error of the app's services (AppError); 'no-token' is the device's code, raised there too. */
export type AppErrorCode = keyof typeof appErrorsEn | 'no-token';
/** A problem of a backup file (BackupProblem). */
export type BackupProblemCode = keyof typeof backupErrorsEn;
/** Every code an error can carry, in any room. */
export type ErrorCode = DeviceErrorCode | AppErrorCode | BackupProblemCode;
/** A cause with words of its own within one code (ErrorFields.reason). */
export type ReasonCode = keyof typeof reasonsEn;
