import { closeSync, openSync, readSync } from 'node:fs';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
// Largest multiple of 62 below 256: bytes above it are dropped so every character is equally likely.
const LIMIT = 256 - (256 % ALPHANUMERIC.length);

/**
 * Bytes from the kernel's CSPRNG, as Python's os.urandom reads them. node:crypto
 * would serve the same, but loading it is a fifth of this CLI's start-up.
 * (Linux and macOS; Windows is not a target.)
 */
export function kernelRandomBytes(size: number): Buffer {
  const bytes = Buffer.alloc(size);
  const fd = openSync('/dev/urandom', 'r');
  try {
    for (let filled = 0; filled < size;) filled += readSync(fd, bytes, filled, size - filled, null);
  } finally {
    closeSync(fd);
  }
  return bytes;
}

/** A cryptographically random alphanumeric string (no modulo bias). */
export function randomPassword(length = 48): string {
  let out = '';
  while (out.length < length) {
    for (const byte of kernelRandomBytes(length * 2)) {
      if (byte < LIMIT) out += ALPHANUMERIC[byte % ALPHANUMERIC.length];
      if (out.length === length) break;
    }
  }
  return out;
}
