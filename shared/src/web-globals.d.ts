/**
 * The WHATWG `URL`, which every place shared code runs has (browsers and
 * Node). Declared here rather than through the DOM library, so that shared
 * code cannot reach for the DOM by mistake.
 */
declare class URL {
  constructor(url: string, base?: string);
  readonly href: string;
}

/** The WHATWG `TextEncoder`, for sizes as they travel in UTF-8 (browsers and Node have it). */
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
