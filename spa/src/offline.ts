/**
 * Corbado's packages run unmodified; two of their habits would reach the public internet, which a
 * closed network turns into console errors and which a page developed offline should not depend on:
 * - FingerprintJS (inside web-core) sends a monitoring request on about 0.1 % of loads; its documented
 *   switch `window.__fpjs_d_m = true` turns that off. No analytics leave the page either way: the
 *   visitor id goes only to the Frontend API (here the local stand-in).
 * - connect-react 0.2.4's injected stylesheet starts with `@import url(https://fonts.googleapis.com/…)`
 *   (Inter, Space Grotesk). While its module is evaluated, {@link withoutPublicImports} drops @import
 *   rules of public URLs from the style text it appends, so the components use the system font instead.
 */
declare global {
  interface Window {
    __fpjs_d_m?: boolean;
  }
}

window.__fpjs_d_m = true;

const publicImport = /@import\s+url\(\s*['"]?https?:\/\/[^)]*\)\s*;?/g;

/** Runs `load` (a dynamic import) with public @import rules dropped from the style text appended meanwhile. */
export async function withoutPublicImports<T>(load: () => Promise<T>): Promise<T> {
  const appendChild = Node.prototype.appendChild;
  Node.prototype.appendChild = function <N extends Node>(this: Node, child: N): N {
    if (this instanceof HTMLStyleElement && child instanceof Text) {
      child.data = child.data.replace(publicImport, '');
    }
    return appendChild.call(this, child) as N;
  };
  try {
    return await load();
  } finally {
    Node.prototype.appendChild = appendChild;
  }
}
