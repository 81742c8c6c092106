/**
 * The WHATWG `URL`, which every place shared code runs has (browsers and
 * Node). Declared here rather than through the DOM library, so that shared
 * code cannot reach for the DOM by mistake.
 */
declare class URL {
  constructor(url: string, base?: string);
  readonly href: string;
}
