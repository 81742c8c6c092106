import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root, overrideConfigFile: `${root}eslint.config.js` });
});

/** The rule ids the repository's own ESLint config reports for a snippet, as if it sat at `file`. */
async function ruleIds(code: string, file = 'widget/src/probe.ts'): Promise<(string | null)[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${file}` });
  if (!result) throw new Error('ESLint returned no result');
  return result.messages.map((message) => message.ruleId);
}

describe('the lint rules', () => {
  it.each([
    ['innerHTML', 'export const show = (el: Element, x: string) => { el.innerHTML = x; };', 'no-restricted-syntax'],
    ['innerHTML by a computed key', "export const show = (el: Element, x: string) => { el['innerHTML'] = x; };", 'no-restricted-syntax'],
    ['outerHTML', 'export const show = (el: Element, x: string) => { el.outerHTML = x; };', 'no-restricted-syntax'],
    [
      'insertAdjacentHTML',
      "export const show = (el: Element, x: string) => el.insertAdjacentHTML('beforeend', x);",
      'no-restricted-syntax',
    ],
    ['eval', "export const one = eval('1');", 'no-eval'],
    ['new Function', "export const f = new Function('x', 'return x');", 'no-new-func'],
    ['a string given to setTimeout', "setTimeout('alert(1)', 10);", 'no-implied-eval'],
    ["postMessage to '*'", "export const tell = (m: string) => window.postMessage(m, '*');", 'no-restricted-syntax'],
    [
      "postMessage with targetOrigin '*'",
      "export const tell = (m: string) => window.parent.postMessage(m, { targetOrigin: '*' });",
      'no-restricted-syntax',
    ],
    ['an unused variable', 'const unused = 1;', '@typescript-eslint/no-unused-vars'],
    ['an unused import', "import { readFileSync } from 'node:fs';", '@typescript-eslint/no-unused-vars'],
    ['any', 'export const parse = (x: any) => x;', '@typescript-eslint/no-explicit-any'],
  ])('refuse %s', async (_what, code, rule) => {
    expect(await ruleIds(code)).toContain(rule);
  });

  it('refuse dangerouslySetInnerHTML in JSX', async () => {
    const code = 'export const Html = ({ x }: { x: string }) => <div dangerouslySetInnerHTML={{ __html: x }} />;';
    expect(await ruleIds(code, 'console/src/Probe.tsx')).toContain('no-restricted-syntax');
  });

  it('refuse I/O globals in shared/, and only there', async () => {
    const code = "export const load = () => fetch('/contract.json');";
    expect(await ruleIds(code, 'shared/src/probe.ts')).toEqual(['no-restricted-globals']);
    expect(await ruleIds(code, 'widget/src/probe.ts')).toEqual([]);
  });

  it('refuse process.env in the server outside config.ts, where each variable is parsed and checked', async () => {
    const code = 'export const interval = Number(process.env.GC_INTERVAL ?? 1);';
    expect(await ruleIds(code, 'server/src/plugins/probe.ts')).toEqual(['no-restricted-properties']);
    expect(await ruleIds(code, 'server/src/config.ts')).toEqual([]);
  });

  it('let the browser bundles take only types from the contract’s root, which would bring zod and its eval probe', async () => {
    const value = "import { LoginBody } from '@mostrador/shared';\nexport const body = LoginBody;";
    const types =
      "import type { LoginBody } from '@mostrador/shared';\nimport { MAX_MESSAGE_CHARS } from '@mostrador/shared/limits';\nexport const f = (b: LoginBody) => [b, MAX_MESSAGE_CHARS];";
    expect(await ruleIds(value, 'console/src/probe.ts')).toEqual(['@typescript-eslint/no-restricted-imports']);
    expect(await ruleIds(value, 'widget/src/probe.ts')).toEqual(['@typescript-eslint/no-restricted-imports']);
    expect(await ruleIds(value, 'server/src/probe.ts')).toEqual([]);
    expect(await ruleIds(types, 'console/src/probe.ts')).toEqual([]);
  });

  it('let the safe forms through', async () => {
    const code = [
      'export const show = (el: Element, x: string) => { el.textContent = x; };',
      "export const tell = (m: string) => window.parent.postMessage(m, 'https://shop.example');",
      'export const later = (f: () => void) => setTimeout(f, 10);',
    ].join('\n');
    expect(await ruleIds(code)).toEqual([]);
  });
});
