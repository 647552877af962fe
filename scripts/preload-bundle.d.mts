import type { BuildOptions, Metafile } from 'esbuild';

export declare const PRELOAD_ALLOWED_REQUIRES: string[];
export declare function preloadBuildOptions(options: { root: string; quiet: boolean }): BuildOptions;
export declare function forbiddenRequires(code: string): string[];
export declare function forbiddenExternalImports(metafile: Metafile): string[];
