export declare const liveAppEntries: { cinder: string; official: string };
export interface BundleSize {
  minified: number;
  gzip: number;
  brotli: number;
}
export declare function measureBundle(source: string): Promise<BundleSize>;
