// Types of bin/build-freshness.js, which the launcher runs as plain JavaScript and scripts/build.ts imports.
export declare const DIST: string;
export declare const STAMP: string;
export declare function isStale(root: string): boolean;
