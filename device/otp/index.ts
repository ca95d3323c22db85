/** Parsing and checking of OTP user input (secrets, otpauth URIs, slots, names) and host-side codes. */
export * from './result';
export * from './secret';
export * from './slot';
export * from './uri';
export * from './compute';
export * from './migration';
export * from './import';
export * from './qr';
export * from './qr-async';
