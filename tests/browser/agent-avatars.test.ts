import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe.ts';
import { useDemoShop } from './demoShop.ts';
import { agentLogsIn, shopperSays } from './shop.ts';

const shop = useDemoShop('browser-test-pass');
const WIDGET = '#mostrador-widget';
const GPS = 'GPSLatitude 41.3874 N';

/** An APP1 (EXIF) segment saying where the photo was taken, put right after the JPEG's start-of-image marker. */
function withExif(jpeg: Buffer): Buffer {
  const payload = Buffer.from(`Exif\0\0MM\0*${GPS}`, 'latin1');
  const header = Buffer.from([0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]);
  return Buffer.concat([jpeg.subarray(0, 2), header, payload, jpeg.subarray(2)]);
}

describe('agent pictures, from the console to the shopper', () => {
  it('an agent chooses a photo by keyboard; its location is gone; the shopper sees it heading the agent’s message', async () => {
    const agent = await agentLogsIn(shop.browser, shop.server.url, shop.email, shop.password);
    await agent.locator('button[data-part="nav-account"]').click();
    const section = agent.locator('[data-part="account-picture"]');
    await section.waitFor();

    // A real JPEG, drawn and encoded by the browser, then given EXIF with a position as a phone would.
    const drawn = await agent.evaluate(async () => {
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = 48;
      const context = canvas.getContext('2d')!;
      context.fillStyle = '#c0392b';
      context.fillRect(0, 0, 48, 48);
      const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/jpeg', 0.9));
      return [...new Uint8Array(await blob.arrayBuffer())];
    });
    const photo = withExif(Buffer.from(drawn));
    expect(photo.toString('latin1')).toContain(GPS);

    // Keyboard only: focus the file input and press Space, as Tab would leave it.
    await section.locator('input[name="picture"]').focus();
    const [chooser] = await Promise.all([agent.waitForEvent('filechooser'), agent.keyboard.press('Space')]);
    await chooser.setFiles({ name: 'me.jpg', mimeType: 'image/jpeg', buffer: photo });
    await section.getByText('Picture saved.').waitFor();
    const own = section.locator('img.agent-face');
    await expect.poll(() => own.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(48);
    expect(await axeViolations(agent), 'account page').toEqual([]);

    const path = (await own.getAttribute('src'))!;
    const served = await fetch(`${shop.server.url}${path}`);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    const bytes = Buffer.from(await served.arrayBuffer()).toString('latin1');
    expect(bytes).not.toContain('Exif');
    expect(bytes).not.toContain(GPS);

    // The shopper writes; the agent answers from the console.
    const shopper = await shopperSays(shop.browser, `${shop.server.url}/shop/`, 'Hola! Teniu samarretes?');
    await agent.locator('button[data-part="nav-inbox"]:visible').click();
    await agent.locator('[data-part="conversation-row"]').first().click();
    await agent.locator('textarea[name="reply"]').fill('Sí, de tots colors.');
    await agent.locator('button[data-part="send"]').click();

    const head = shopper.locator('[data-part="message"][data-author="agent"] [data-part="author"]').first();
    await head.waitFor();
    const picture = head.locator('img');
    await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(48);
    expect(await picture.getAttribute('alt')).toBe('');
    expect(new URL((await picture.getAttribute('src'))!).pathname).toBe(path);
    expect(await head.textContent()).toBe('Laia');
    expect(await axeViolations(shopper, WIDGET), 'widget with a picture').toEqual([]);

    await shopper.context().close();
    await agent.context().close();
  }, 90_000);
});
