// Byte counts as people read them: disk sizes in powers of 1000 as `docker system df` shows them, memory in powers of 1024 as `docker info` does.
const DECIMAL = ['B', 'kB', 'MB', 'GB', 'TB'];
const BINARY = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

function scaled(bytes: number, base: number, units: readonly string[]): string {
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= base && unit < units.length - 1) {
    value /= base;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 2 : 1)} ${units[unit]}`;
}

export const diskBytes = (bytes: number): string => scaled(bytes, 1000, DECIMAL);
export const memoryBytes = (bytes: number): string => scaled(bytes, 1024, BINARY);
