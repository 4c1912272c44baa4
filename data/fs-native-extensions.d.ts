/** The part of fs-native-extensions dayops uses (the package ships no types). */
declare module 'fs-native-extensions' {
  /** An exclusive (or shared) lock on the open file; false when another open file holds it. */
  export function tryLock(fd: number, options?: { shared?: boolean }): boolean;
  export function unlock(fd: number): void;
}
