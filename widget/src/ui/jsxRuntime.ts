import { createElement, type ComponentType, type VNode } from 'preact';

export { Fragment } from 'preact';

/**
 * The automatic JSX runtime, on Preact's own `createElement` (which the
 * bundle carries anyway, for `render`). Preact's `preact/jsx-runtime` adds
 * server-side-rendering helpers and a second vnode factory: ~100 bytes
 * gzipped the widget does not need. vite.config.ts points the build's JSX here.
 */
export function jsx(type: string | ComponentType, props: Record<string, unknown>, key?: unknown): VNode {
  return createElement(type, key === undefined ? props : { ...props, key });
}

export { jsx as jsxs };
