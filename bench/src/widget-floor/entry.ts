// The floor for the widget's weight: Preact (with hooks) rendering messages
// that arrive over socket.io-client, and nothing else.
import { h, render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { io } from 'socket.io-client';

function Messages() {
  const [messages, setMessages] = useState<string[]>([]);
  useEffect(() => {
    const socket = io(`${location.origin}/visitor`, { transports: ['websocket', 'polling'] });
    socket.on('message:created', (m: { body: string }) => setMessages((all) => [...all, m.body]));
    return () => socket.disconnect();
  }, []);
  return h(
    'ul',
    null,
    messages.map((m) => h('li', null, m)),
  );
}

render(h(Messages, null), document.body);
