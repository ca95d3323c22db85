/**
 * shared/vocabulary: the one error vocabulary (style guide §3). Every error code has one entry per
 * language (errors-en.ts, errors-de.ts) that renders from the error's fields; describeError renders it.
 * Imported at run time by every room (device/, cli/, electron/, web-host/, renderer/); imports nothing
 * outside shared/ (it runs in the page too: no Node built-ins).
 */
export type { AppErrorCode, BackupProblemCode, DeviceErrorCode, ErrorCode, ReasonCode } from './codes';
export { appErrorsEn, backupErrorsEn, deviceErrorsEn, followersEn, reasonsEn } from './errors-en';
export { appErrorsDe, backupErrorsDe, deviceErrorsDe, followersDe, reasonsDe } from './errors-de';
export { describeError, isErrorCode, pluralFor, renderWords, type DescribeOptions } from './render';
export type { ErrorFields, Language, Plural, Words } from './types';
