/** Encrypted backups of OTP accounts, restore planning and the printable recovery sheet (issue 4). */
export * from './errors';
export * from './contents';
export * from './format';
export * from './file';
export * from './restore';
export * from './sheet';
