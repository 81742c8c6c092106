import type { SessionEstablished } from '@mostrador/shared';
import { act, fireEvent } from '@testing-library/preact';
import { ChatSession } from '../chat/chatSession.ts';
import { firstVisit, quietSite } from '../chat/testSession.ts';
import { createVisitorStorage } from '../chat/visitorStorage.ts';
import { FakeTransport, flush } from '../transport/fakeTransport.ts';
import { createPanelState } from './panelState.ts';
import type { FilesLoader } from '../files/filesLoader.ts';
import type { SoundSwitch } from './SoundToggle.tsx';
import { renderWidgetInEnglish } from './testRender.tsx';

/**
 * For tests: the widget in English, its session established with this site
 * (a quiet one, with an agent online, unless told otherwise), and the panel
 * opened by a click on the launcher.
 */
export async function openPanelOnSite(
  site: Partial<SessionEstablished['site']>,
  contact: SessionEstablished['contact'] = null,
  sound?: SoundSwitch,
  files?: (chat: ChatSession) => FilesLoader,
) {
  const transport = new FakeTransport();
  const chat = new ChatSession({ transport, storage: createVisitorStorage('site', null), createClientId: () => 'client-id-1' });
  const container = renderWidgetInEnglish(chat, createPanelState(), sound, files?.(chat));
  chat.start();
  await act(async () => {
    transport.establish({
      visitorId: 'vis_1',
      token: 'tok',
      conversation: null,
      site: { name: 'Botiga', departments: [], typingPreview: false, ...quietSite, ...site },
      visit: firstVisit,
      contact,
    });
    await flush();
  });
  fireEvent.click(container.querySelector('button[data-part="launcher"]')!);
  return { transport, chat, container };
}
