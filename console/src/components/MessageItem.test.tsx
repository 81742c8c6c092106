import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { statusEvent, visitorMessage } from '../state/testFixtures.ts';
import { MessageItem } from './MessageItem.tsx';

describe('MessageItem', () => {
  afterEach(cleanup);

  it('renders a message body as literal text, never as HTML', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const { container } = render(<MessageItem event={visitorMessage('conv_a', 1, hostile)} />);
    const body = container.querySelector('[data-part="message"][data-author="visitor"] [data-part="body"]');
    expect(body?.textContent).toBe(hostile);
    expect(container.querySelector('img')).toBeNull();
  });

  it('renders status changes as system lines', () => {
    const { container } = render(<MessageItem event={statusEvent('conv_a', 2, 'closed')} />);
    const line = container.querySelector('[data-part="message"][data-author="system"] [data-part="body"]');
    expect(line?.textContent).toBe('Conversation closed');
  });
});
